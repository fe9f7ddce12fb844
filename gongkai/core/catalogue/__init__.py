"""主动公开 (proactive disclosure) as pure functions: the catalogue's categories and attributes,
the review pipeline, 索引号, normative documents → 表二（一）, business figures → 表二（五）（六）
（八）, Chinese search tokens and the 政府信息公开指南 default text (docs/catalogue.md)."""
