"""Annual statistics (表三 and the narrative figures) computed from plain case records."""
