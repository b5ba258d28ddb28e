"""Wizard state in the session, written back only when it changes.

formtools' SessionStorage marks the session as changed on every read, so each page view of the
wizard rewrote the whole session row. This storage marks it only on a real write."""

from __future__ import annotations

from formtools.wizard.storage.session import SessionStorage


class QuietSessionStorage(SessionStorage):
    def _get_data(self):
        return self.request.session[self.prefix]

    data = property(_get_data, SessionStorage._set_data)  # the setter marks the session

    def _changed(self) -> None:
        self.request.session.modified = True

    def _set_current_step(self, step) -> None:
        if self.data[self.step_key] != step:
            super()._set_current_step(step)
            self._changed()

    def _set_extra_data(self, extra_data) -> None:
        if self.data[self.extra_data_key] != extra_data:
            super()._set_extra_data(extra_data)
            self._changed()

    def set_step_data(self, step, cleaned_data) -> None:
        super().set_step_data(step, cleaned_data)
        self._changed()

    def set_step_files(self, step, files) -> None:
        super().set_step_files(step, files)
        self._changed()
