"""What the annual report builder takes from the catalogue: 表二 and the figures of narrative
sections 一 and 二. Both are computed from the records by the pure core functions.

``table2_for(agency, year)`` has the shape of ``AnnualReport.table2``
(:func:`gongkai.core.report.model.empty_table2`); a business figure that was never imported
for the year is ``None`` (a blank cell the report checks flag), never a guessed 0.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from gongkai.core.catalogue.attributes import DisclosureAttribute
from gongkai.core.catalogue.channels import parse_channels
from gongkai.core.catalogue.figures import AccountFacts, ItemFacts, catalogue_figures_from
from gongkai.core.catalogue.normative import DocumentKind
from gongkai.core.catalogue.review import SECRECY_STEP
from gongkai.core.catalogue.table2 import build_table2
from gongkai.web.agencies.models import Agency
from gongkai.web.catalogue.config import catalogue_rules
from gongkai.web.catalogue.models import (
    CatalogueItem,
    ItemEvent,
    NewMediaAccount,
    NormativeDocument,
)
from gongkai.web.catalogue.records import life_of, year_figures


def table2_for(agency: Agency | int, year: int) -> dict[str, Any]:
    agency_id = agency.pk if isinstance(agency, Agency) else agency
    docs = NormativeDocument.objects.filter(agency_id=agency_id, issued_on__year__lte=year)
    return build_table2(
        (life_of(d) for d in docs),
        year_figures(agency_id, year),
        year,
        fee_decimals=catalogue_rules().fee_decimals,
    )


def catalogue_figures(agency: Agency | int, year: int) -> dict[str, Any]:
    """Figures for sections 一(一)(三)(四) and 二: items published by category and channel, on
    time or late, attributes set, review and secrecy checks, new-media accounts and posts,
    normative documents; ``sentences`` holds ready Chinese sentences built from them."""
    agency_id = agency.pk if isinstance(agency, Agency) else agency
    items = CatalogueItem.objects.filter(agency_id=agency_id).filter(
        Q(published_on__year=year) | Q(generated_on__year=year)
    )
    facts = [
        ItemFacts(
            category=i.category,
            attribute=DisclosureAttribute(i.attribute),
            drafted_on=i.generated_on,
            published_on=i.published_on,
            due_on=i.publication_due,
            channels=parse_channels(i.channels),
        )
        for i in items.only(
            "category", "attribute", "generated_on", "published_on", "publication_due", "channels"
        )
    ]
    reviews = ItemEvent.objects.filter(
        item__agency_id=agency_id, occurred_on__year=year, passed__isnull=False
    ).exclude(step="")
    accounts = []
    for acc in NewMediaAccount.objects.filter(agency_id=agency_id).prefetch_related("yearly_posts"):
        if acc.opened_on and acc.opened_on.year > year:
            continue
        posts = next((p.posts for p in acc.yearly_posts.all() if p.year == year), None)
        active = acc.state != NewMediaAccount.State.CLOSED or bool(
            acc.closed_on and acc.closed_on.year >= year
        )
        accounts.append(AccountFacts(acc.get_platform_display(), acc.name, active, posts))
    figures = catalogue_figures_from(
        facts,
        accounts,
        year,
        catalogue_rules().tree,
        review_steps=reviews.count(),
        secrecy_reviews=reviews.filter(step=SECRECY_STEP).count(),
    )
    table2 = table2_for(agency_id, year)
    figures["normative_documents"] = table2[DocumentKind.NORMATIVE.value]
    figures["regulations"] = table2[DocumentKind.REGULATION.value]
    figures["business_figures_missing"] = [
        key
        for key in (
            "administrative_license",
            "administrative_penalty",
            "administrative_coercion",
            "administrative_fees",
        )
        if table2[key] is None
    ]
    return figures
