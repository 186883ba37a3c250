"""Log lines for requests the client got wrong: one WARNING line each, never a traceback.

Anyone on the internet can send a wrong Host header, an oversized body or too many fields.
Django logs those (django.security.*) at ERROR with a traceback, the shape of a bug in the
site, so every scanner that passes would page whoever watches the errors. The client has
had its 400 or 413 page; the log keeps a line saying what and where. What the site got
wrong, a 500 above all, stays ERROR with its traceback.
"""

from __future__ import annotations

import logging

SECURITY_LOGGERS = "django.security."


class ClientFaults(logging.Filter):
    """A handler's filter: a client's fault is logged as one WARNING line without traceback.

    A client's fault is a record about a 4xx response (Django's loggers give the status as
    `status_code`) or from django.security without a server error's status. The record is
    changed in place, so handlers after this one see it changed too.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if not is_client_fault(record):
            return True
        if record.levelno > logging.WARNING:
            record.levelno = logging.WARNING
            record.levelname = logging.getLevelName(logging.WARNING)
        # The message may quote what the client sent (a Host header, a path): one line,
        # whatever it holds, so a client cannot write lines of its own into the log.
        record.msg = one_line(record.getMessage())
        record.args = None
        record.exc_info = record.exc_text = record.stack_info = None
        # Its logger let it through as an error; as a warning it must pass that level too.
        return record.levelno >= logging.getLogger(record.name).getEffectiveLevel()


def is_client_fault(record: logging.LogRecord) -> bool:
    """Whether the record is about a request the client got wrong, not about the site."""
    status = getattr(record, "status_code", None)
    if isinstance(status, int):
        return 400 <= status < 500
    return record.name.startswith(SECURITY_LOGGERS)


def one_line(message: str) -> str:
    """The message with its line breaks written as escapes."""
    return message.replace("\r", "\\r").replace("\n", "\\n")
