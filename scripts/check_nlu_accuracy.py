"""Fail when held-out intent accuracy is below the bar, and show what was confused."""

import json
import sys

report_path, minimum = sys.argv[1], float(sys.argv[2])
with open(report_path) as f:
    report = json.load(f)
accuracy = report["accuracy"]
for intent, scores in sorted(report.items()):
    if isinstance(scores, dict) and scores.get("confused_with"):
        print(f"  {intent}: confused with {scores['confused_with']}")
print(f"held-out intent accuracy: {accuracy:.1%} (minimum {minimum:.0%})")
sys.exit(0 if accuracy >= minimum else 1)
