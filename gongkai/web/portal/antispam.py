"""Spam protection that needs no JavaScript and no third party.

* A **form ticket**, signed with Django's signing: a random key (also the submission's
  idempotency key) and the time the form was served. Too quick a submission is a robot;
  too old a ticket is refused, so a harvested form cannot be replayed for ever.
* A **question** (``三加五等于几？``): the form carries only a keyed hash of the answer, so
  the answer cannot be read from the page, and the hash is bound to the ticket's key.
* A **honeypot** field that people do not see and robots fill in. Its name
  (:data:`HONEYPOT`) means nothing to a browser, so no autofill ever fills it for a person.
* **Rate limits** counted in the database (so every process and server shares them): for
  the application form, **accepted** applications per applicant (identity number or credit
  code, phone, e-mail) and per client address, so a refused or mistyped post never uses up
  an office's or a school's shared address; for the lookup, every post per address. Only
  keyed hashes of addresses, numbers and contacts are stored.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils.crypto import constant_time_compare, salted_hmac

from gongkai.core.errors import GongkaiError
from gongkai.core.portal.challenge import Question, make_question, parse_answer
from gongkai.core.portal.rates import Rate
from gongkai.web.client_address import client_address
from gongkai.web.dbretry import retry_when_locked
from gongkai.web.portal.config import rate as configured_rate
from gongkai.web.portal.config import setting
from gongkai.web.portal.models import RateCounter

TICKET_SALT = "gongkai.portal.ticket"
CHALLENGE_SALT = "gongkai.portal.challenge"
CLIENT_SALT = "gongkai.portal.client"
KEY_BYTES = 24
# The honeypot's field name: no word a browser's or password manager's autofill recognises
# (``website``, ``url``, ``email``, ``name``, ``phone``, ``address``, ``company``...).
HONEYPOT = "xq7_vrk"


class SpamCheckFailed(GongkaiError):
    """A submission failed a check that a person filling in the form would pass."""


@dataclass(frozen=True)
class Ticket:
    key: str
    issued_at: float


def issue_ticket(key: str | None = None, issued_at: float | None = None) -> str:
    return signing.dumps(
        {"k": key or secrets.token_urlsafe(KEY_BYTES), "t": issued_at or time.time()},
        salt=TICKET_SALT,
    )


def decode_ticket(value: str) -> Ticket | None:
    """The ticket if its signature holds, whatever its age."""
    try:
        data = signing.loads(value, salt=TICKET_SALT)
        return Ticket(str(data["k"]), float(data["t"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def _expired(ticket: Ticket, now: float) -> bool:
    return now - ticket.issued_at > float(setting("GONGKAI_PORTAL_FORM_MAX_AGE_HOURS")) * 3600


def read_ticket(value: str, now: float | None = None) -> Ticket:
    """The ticket of a submitted form, or SpamCheckFailed saying why it is not acceptable."""
    now = time.time() if now is None else now
    ticket = decode_ticket(value)
    if ticket is None:
        raise SpamCheckFailed("表单已失效，请重新填写并提交")
    if _expired(ticket, now):
        raise SpamCheckFailed("表单打开时间过长已过期，请核对内容后重新提交")
    if now - ticket.issued_at < float(setting("GONGKAI_PORTAL_MIN_FILL_SECONDS")):
        raise SpamCheckFailed("提交过快，请核对填写的内容后再提交")
    return ticket


def renewed_ticket(value: str) -> tuple[str, str]:
    """(ticket, key) to serve with a form shown again: the submitted ticket while it is
    good (its key keeps a resubmission idempotent, its time keeps counting), else a new one."""
    ticket = decode_ticket(value)
    if ticket is not None and not _expired(ticket, time.time()):
        return value, ticket.key
    fresh_key = secrets.token_urlsafe(KEY_BYTES)
    return issue_ticket(fresh_key), fresh_key


def _answer_hash(key: str, answer: int) -> str:
    return salted_hmac(CHALLENGE_SALT, f"{key}:{answer}").hexdigest()


def new_question() -> Question:
    return make_question(secrets.randbelow(10), secrets.randbelow(10), secrets.randbelow(2) == 1)


def issue_challenge(key: str, question: Question | None = None) -> tuple[str, str]:
    """(question text, signed token) for the form served with ticket key ``key``."""
    question = question or new_question()
    token = signing.dumps(
        {"q": question.text, "h": _answer_hash(key, question.answer)}, salt=CHALLENGE_SALT
    )
    return question.text, token


def challenge_text(token: str) -> str:
    try:
        return str(signing.loads(token, salt=CHALLENGE_SALT)["q"])
    except (signing.BadSignature, KeyError, TypeError):
        return ""


def challenge_passed(token: str, key: str, answer_text: str) -> bool:
    answer = parse_answer(answer_text)
    if answer is None:
        return False
    try:
        expected = str(signing.loads(token, salt=CHALLENGE_SALT)["h"])
    except (signing.BadSignature, KeyError, TypeError):
        return False
    return constant_time_compare(expected, _answer_hash(key, answer))


def client_key(request: HttpRequest) -> str:
    """A keyed hash of the client's address: countable, but not reversible to the address."""
    return salted_hmac(CLIENT_SALT, client_address(request)).hexdigest()


def honeypot_filled(request: HttpRequest) -> bool:
    return bool(request.POST.get(HONEYPOT, "").strip())


def hashed(value: str) -> str:
    return salted_hmac(CLIENT_SALT, value).hexdigest()


@dataclass(frozen=True)
class RateCheck:
    allowed: bool
    retry_after: int


@retry_when_locked  # the increment is its last statement: a failed attempt counted nothing
def hit(scope: str, client: str, rate: Rate, now: float | None = None) -> RateCheck:
    """Count one request; refuse it when the window's count already reached the limit."""
    now = time.time() if now is None else now
    window = rate.window_start(now)
    counters = RateCounter.objects.filter(scope=scope, client=client, window_start=window)
    if not counters.filter(count__gte=rate.count).exists():
        try:
            with transaction.atomic():
                created = RateCounter.objects.get_or_create(
                    scope=scope, client=client, window_start=window
                )[1]
        except IntegrityError:  # created by a concurrent request in between
            created = False
        if created:
            # Old windows are useless: drop them now and then, on a new window's first hit.
            RateCounter.objects.filter(window_start__lt=now - 2 * 86400).delete()
        # Increment only below the limit, in one statement, so concurrent requests cannot
        # push the count past it unnoticed.
        if counters.filter(count__lt=rate.count).update(count=F("count") + 1):
            return RateCheck(True, 0)
    return RateCheck(False, rate.retry_after(now))


def peek(scope: str, client: str, rate: Rate, now: float | None = None) -> bool:
    """Whether ``client`` is still below the limit, without counting a request."""
    now = time.time() if now is None else now
    row = RateCounter.objects.filter(
        scope=scope, client=client, window_start=rate.window_start(now)
    ).first()
    return row is None or row.count < rate.count


# Scopes of the counters of accepted applications.
APPLY_ADDRESS = "apply-address"
APPLY_APPLICANT = "apply-applicant"


@dataclass(frozen=True)
class Limit:
    scope: str
    key: str
    rate: Rate
    what: str  # for the refusal page: whose applications are counted


def _digits(value: str) -> str:
    return "".join(c for c in value if c.isdigit())


def submission_limits(request: HttpRequest, data: dict[str, object]) -> list[Limit]:
    """The counters an accepted application adds one to: the client address
    (``GONGKAI_PORTAL_SUBMIT_RATE``), and the applicant by each of identity number or credit
    code, phone and e-mail (``GONGKAI_PORTAL_APPLICANT_RATE``), so that changing one of them
    does not make a new applicant."""
    address_rate = configured_rate("GONGKAI_PORTAL_SUBMIT_RATE")
    applicant_rate = configured_rate("GONGKAI_PORTAL_APPLICANT_RATE")
    limits = [Limit(APPLY_ADDRESS, client_key(request), address_rate, "本网络地址")]
    identities = {
        "id": str(data.get("id_number") or "").strip().upper(),
        "org": str(data.get("credit_code") or "").strip().upper(),
        "phone": _digits(str(data.get("contact_phone") or ""))[-11:],
        "email": str(data.get("contact_email") or "").strip().lower(),
    }
    for kind, value in identities.items():
        if value:
            limits.append(
                Limit(APPLY_APPLICANT, hashed(f"{kind}:{value}"), applicant_rate, "同一申请人")
            )
    return limits


def first_exhausted(
    limits: list[Limit], now: float | None = None
) -> tuple[Limit, RateCheck] | None:
    """The first limit already reached (with the seconds until its window ends), if any."""
    now = time.time() if now is None else now
    for limit in limits:
        if not peek(limit.scope, limit.key, limit.rate, now):
            return limit, RateCheck(False, limit.rate.retry_after(now))
    return None


def count_accepted(limits: list[Limit], now: float | None = None) -> None:
    """Count one accepted application on each of its counters."""
    for limit in limits:
        hit(limit.scope, limit.key, limit.rate, now)
