"""答复附件 for the applicant (issue 14): the released information, downloaded through the
case's private link once the reply is issued. The portal owns the link; the files and the
rule when they may be seen are the case app's (:mod:`gongkai.web.applications.views_released`).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from gongkai.web.applications.views_released import applicant_may_see, released_response
from gongkai.web.portal.http import private
from gongkai.web.portal.services import submission_for_token


@private
def applicant_file(request: HttpRequest, token: str, released_id: int) -> HttpResponse:
    submission = submission_for_token(token)
    if submission is None:
        raise Http404("查询链接无效")
    app = submission.application
    if not applicant_may_see(app):
        raise Http404("答复尚未出具")
    return released_response(get_object_or_404(app.released_files, pk=released_id))
