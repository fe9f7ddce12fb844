"""答复附件 pages (issue 14): staff attach and remove the released information on the case
page, and download it; the applicant downloads it through the case's private link once the
reply is issued (that view is the portal's, :mod:`gongkai.web.portal.views_released`: this
app imports no portal). Views are thin: the steps are :mod:`gongkai.web.applications.releasing`.

Files are served as what they are stored as, always as a download (``attachment``,
``nosniff``, a sandboxing CSP), never rendered by the browser; a catalogue file is served
by the catalogue's own response.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.applications.roles import Action, require_role
from gongkai.core.errors import GongkaiError
from gongkai.web.agencies.access import readable_agencies, roles_of
from gongkai.web.applications import releasing
from gongkai.web.applications.models import Application
from gongkai.web.applications.released import ReleasedFile
from gongkai.web.applications.views_attachments import attachment_disposition


class AttachForm(forms.Form):
    upload = forms.FileField(label="文件")
    name = forms.CharField(
        label="答复书中列出的名称（可选）",
        max_length=releasing.MAX_NAME,
        required=False,
        help_text="不填则用文件名",
    )

    def clean_upload(self) -> Any:
        upload = self.cleaned_data["upload"]
        problem = releasing.upload_problem(upload)
        if problem:
            raise forms.ValidationError(problem)
        return upload


class CatalogueForm(forms.Form):
    catalogue_file = forms.TypedChoiceField(label="政府信息公开目录中的文件", coerce=int)

    def __init__(self, app: Application, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = releasing.catalogue_choices(app)
        self.has_choices = bool(choices)
        self.fields["catalogue_file"].choices = [("", "请选择"), *choices]


def _case(request: HttpRequest, pk: int) -> Application:
    return get_object_or_404(Application, pk=pk, agency__in=readable_agencies(request.user))


def _back(pk: int) -> HttpResponse:
    return redirect(reverse("applications:detail", args=[pk]) + "#released")


@login_required
@require_POST
def attach(request: HttpRequest, pk: int) -> HttpResponse:
    app = _case(request, pk)
    try:  # an uploaded file is looked at only once the role allows the step
        require_role(Action.ATTACH_RELEASED, roles_of(request.user, app.agency_id))
    except GongkaiError as exc:
        messages.error(request, str(exc))
        return _back(pk)
    today = timezone.localdate()
    try:
        if "catalogue_file" in request.POST:
            form: forms.Form = CatalogueForm(app, request.POST)
            if form.is_valid():
                file_id = form.cleaned_data["catalogue_file"]
                releasing.attach_catalogue_file(
                    request.user, pk, on=today, catalogue_file_id=file_id
                )
        else:
            form = AttachForm(request.POST, request.FILES)
            if form.is_valid():
                releasing.attach_upload(
                    request.user,
                    pk,
                    on=today,
                    upload=form.cleaned_data["upload"],
                    name=form.cleaned_data["name"],
                )
    except GongkaiError as exc:
        messages.error(request, str(exc))
        return _back(pk)
    if form.errors:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    else:
        messages.success(request, "已添加答复附件")
    return _back(pk)


@login_required
@require_POST
def detach(request: HttpRequest, pk: int, released_id: int) -> HttpResponse:
    _case(request, pk)
    try:
        releasing.detach(request.user, pk, on=timezone.localdate(), released_id=released_id)
    except GongkaiError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "已移除答复附件")
    return _back(pk)


@login_required
def staff_file(request: HttpRequest, pk: int, released_id: int) -> HttpResponse:
    row = get_object_or_404(
        ReleasedFile,
        pk=released_id,
        application_id=pk,
        application__agency__in=readable_agencies(request.user),
    )
    return released_response(row)


def applicant_may_see(app: Application) -> bool:
    """The applicant gets the files with the reply: once it is issued."""
    return (
        app.issued_on is not None
        and app.letters.filter(kind="reply", issued_on__isnull=False).exists()
    )


def released_response(row: ReleasedFile) -> HttpResponse:
    if row.catalogue_file_id is not None:
        from gongkai.web.catalogue.views_public import attachment_response

        assert row.catalogue_file is not None
        return attachment_response(row.catalogue_file)
    try:
        stored = row.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("附件文件不存在，请联系受理机关") from None
    response = FileResponse(stored, content_type=row.media_type or "application/octet-stream")
    response["Content-Disposition"] = attachment_disposition(_file_name(row))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _file_name(row: ReleasedFile) -> str:
    """The listed name, ending in the stored file's extension."""
    suffix = row.file.name[row.file.name.rfind(".") :] if "." in row.file.name else ""
    name = row.name.replace("/", "_").replace("\\", "_")
    return name if not suffix or name.lower().endswith(suffix.lower()) else name + suffix
