"""An uploaded catalogue file checked against the agency's rules (types, size) and by its
content (:func:`gongkai.core.uploads.check_content`: an .exe renamed .pdf is refused)."""

from __future__ import annotations

from gongkai.core.catalogue.attachments import check_attachment, sha256_hex
from gongkai.core.errors import GongkaiError
from gongkai.core.uploads import check_content
from gongkai.web.catalogue.config import catalogue_rules
from gongkai.web.kernel.guards import GuardFailed


def checked_upload(filename: str, data: bytes) -> tuple[str, str]:
    """The file's safe name and its sha256; GuardFailed (a Chinese message) if refused."""
    rules = catalogue_rules()
    try:
        name = check_attachment(
            filename, len(data), rules.attachment_types, rules.attachment_max_bytes
        )
        check_content(name, data)
    except GongkaiError as exc:
        raise GuardFailed(str(exc)) from None
    return name, sha256_hex(data)
