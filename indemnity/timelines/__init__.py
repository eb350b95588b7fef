"""Cover over time: the date index, compiled portfolios, timelines and switching provider."""
