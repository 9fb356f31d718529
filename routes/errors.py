"""Named errors for bad input; the CLI turns each into exit code 2 and one line on stderr."""

from __future__ import annotations


class RouteCheckError(ValueError):
    """Base class for bad input that a user can fix.

    Parameters
    ----------
    message
        One-line reason, written for the user.
    suggestions
        Optional "did you mean" alternatives.
    """

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.suggestions = list(suggestions or [])

    def one_line(self) -> str:
        """Return the reason and the suggestions on one line."""
        if self.suggestions:
            return f"{self.message} (did you mean: {', '.join(self.suggestions)}?)"
        return self.message


class UnknownPlaceError(RouteCheckError):
    """A place name that the gazetteer does not know."""


class CoordinateError(RouteCheckError):
    """A literal coordinate that is malformed or out of range."""


class ClaimParseError(RouteCheckError):
    """A claim whose figure, unit or hedge could not be read."""


class UnreachableError(RouteCheckError):
    """No path between the endpoints on the chosen network."""


class InputFileError(RouteCheckError):
    """A route file, article or network file that cannot be read or validated."""


class AreaError(RouteCheckError):
    """An area (country, region or GeoJSON file) that cannot be found, read or validated."""
