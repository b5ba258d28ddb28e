"""allauth's sign-in, answering 429 when its rate limits refuse an attempt, as every other
limit in Certpath does (the form still says why)."""

from __future__ import annotations

from allauth.account.views import LoginView


class ThrottledLoginView(LoginView):
    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error("__all__", code="too_many_login_attempts") or any(
            error.code == "too_many_login_attempts"
            for errors in form.errors.as_data().values()
            for error in errors
        ):
            response.status_code = 429
            response["Retry-After"] = "300"
        return response
