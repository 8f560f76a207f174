"""The one error type a contributor sees: `path:line: what is wrong; how to fix it`."""

from mkdocs.exceptions import PluginError


class DataError(PluginError):
    """A problem in a data file or a macro call, located by file and line.

    It subclasses MkDocs' PluginError so that `mkdocs build` stops with the message
    alone, without a Python traceback that would bury it.
    """

    def __init__(self, path: str, line: int | None, what: str, fix: str):
        self.path, self.line, self.what, self.fix = path, line, what, fix
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {what}; {fix}")
