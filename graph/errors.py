"""Errors that carry a message meant for the user.

>>> str(InputError("a.txt", "binary file"))
'a.txt: binary file'
"""


class UserError(Exception):
    """An error caused by the user's input or invocation.

    The CLI prints it as one line (``govkg: error: …``) and exits 1; it never
    shows a traceback.
    """


class InputError(UserError):
    """One input file could not be read; the build skips it and names it."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
