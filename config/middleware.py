"""Response headers every page carries, and a request id that ties log lines to a request."""

from __future__ import annotations

import re
import uuid

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, HttpResponse

from config import proxies
from config.logging import request_id_var

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Takes a sane incoming X-Request-ID (from a proxy) or makes one, logs with it, returns it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy; Django's SecurityMiddleware adds the rest."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.csp = "; ".join(f"{k} {v}" for k, v in settings.CONTENT_SECURITY_POLICY.items())
        self.permissions = settings.PERMISSIONS_POLICY

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", self.csp)
        response.setdefault("Permissions-Policy", self.permissions)
        return response


class ForwardedHeadersMiddleware:
    """Puts the client's real address in REMOTE_ADDR and the trusted scheme in
    X-Forwarded-Proto, so that everything after it (the creation limit, allauth's rate limits,
    the admin lockout, SECURE_PROXY_SSL_HEADER) reads the same answer."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.proxies = settings.CERTPATH_TRUSTED_PROXIES

    def __call__(self, request: HttpRequest) -> HttpResponse:
        meta = request.META
        meta["REMOTE_ADDR"] = proxies.client_ip(meta, proxies=self.proxies) or ""
        scheme = proxies.client_scheme(meta, proxies=self.proxies)
        if scheme:
            meta[proxies.FORWARDED_PROTO] = scheme
        else:
            meta.pop(proxies.FORWARDED_PROTO, None)
        return self.get_response(request)


class UploadRefused(Exception):
    pass


class _RefuseFiles(FileUploadHandler):
    """Stops a multipart body at its first file part, before any of the file is read."""

    def new_file(self, *args, **kwargs):
        raise UploadRefused

    def receive_data_chunk(self, raw_data, start):  # never reached
        return raw_data

    def file_complete(self, file_size):  # never reached
        return None


class UploadRefusalMiddleware:
    """No form on the site takes a file, so a request that sends one is refused (415) before
    any view sees it. The admin is exempt: its reference-data import takes a file from staff."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_URL

    def __call__(self, request: HttpRequest) -> HttpResponse:
        multipart = request.META.get("CONTENT_TYPE", "").lower().startswith("multipart/")
        if multipart and not request.path.startswith(self.admin_prefix):
            request.upload_handlers = [_RefuseFiles(request)]
            try:
                request.POST  # noqa: B018  (parse now, with the handler that refuses files)
            except UploadRefused:
                return HttpResponse(
                    "This site takes no file uploads, and nothing was saved.",
                    status=415,
                    content_type="text/plain; charset=utf-8",
                )
        return self.get_response(request)
