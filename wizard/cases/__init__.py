"""The case after the plan: kept with a reference code, its plan page rebuilt for now, the
feedback, the calendar reminder, the evidence ticks, who may open it, and its admin look-up."""
