"""Charts as PNG bytes: matplotlib's object API (no pyplot state), the CJK font from
`bot.fonts`, sized for a phone and palette-compressed (under ~100 KB). Each chart takes
plain figures and the words to print; callers draw them in the drawing workers, off the
event loop (`bot.charts.drawing.drawn`)."""

from bot.charts.base import to_png
from bot.charts.figures import Quota, cards_chart, hazards_chart, study_chart, visits_chart

__all__ = ["Quota", "cards_chart", "hazards_chart", "study_chart", "to_png", "visits_chart"]
