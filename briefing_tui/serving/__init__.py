"""``briefing serve``: the dashboard in web browsers, one app process per tab, behind access tokens."""
