"""Request parsers shared by every API.

Python's JSON decoder raises RecursionError, not ValueError, on deeply nested
input such as `[[[[...]]]]`, and DRF's parser lets it through as a 500. This
one answers 400 instead.
"""

from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        """Returns the decoded body; raises ParseError (400) for any malformed one."""
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError("JSON parse error - nested too deeply.") from exc
