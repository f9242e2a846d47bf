"""The gold sets the comparison report scores against: labelled texts for `meal_log` and
`clinical_note`, written next to this file as JSON lines (`{"id", "text", "expected"}`).

    .venv/bin/python data/extraction/make_gold.py

Each text is composed from parts whose labels are known, so every label is right by
construction, and the parts are chosen to be hard: units and conversions, negations (skipped
food, denied symptoms), missing values that must be null, typos, shorthand (bid, prn, c/o) and
several items in one text. A fixed seed makes the same files every time.
"""

import json
import random
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
COUNT = 64
Json = dict[str, Any]

# (as written, food, quantity, unit, kcal of the amount written)
FOODS: list[tuple[str, str, float | None, str | None, float]] = [
    ("2 eggs", "egg", 2, None, 156),
    ("two scrambled eggs", "scrambled egg", 2, None, 182),
    ("a slice of toast", "toast", 1, "slice", 80),
    ("2 slices of wholemeal bread", "wholemeal bread", 2, "slice", 138),
    ("200g chicken breast", "chicken breast", 200, "g", 330),
    ("150 g grilled salmon", "grilled salmon", 150, "g", 310),
    ("a cup of rice", "rice", 1, "cup", 205),
    ("1/2 cup oatmeal", "oatmeal", 0.5, "cup", 150),
    ("half a bagel", "bagel", 0.5, None, 140),
    ("a banana", "banana", 1, None, 105),
    ("an apple", "apple", 1, None, 95),
    ("3 clementines", "clementine", 3, None, 105),
    ("black coffee", "black coffee", None, None, 2),
    ("250 ml orange juice", "orange juice", 250, "ml", 112),
    ("a glass of milk", "milk", 1, "glass", 120),
    ("greek yogurt 170g", "greek yogurt", 170, "g", 100),
    ("a handful of almonds", "almonds", 1, "handful", 160),
    ("lentil soup", "lentil soup", None, None, 230),
    ("2 tbsp peanut butter", "peanut butter", 2, "tbsp", 190),
    ("a caesar salad", "caesar salad", 1, None, 360),
    ("1 slice pepperoni pizza", "pepperoni pizza", 1, "slice", 300),
    ("spaghetti bolognese", "spaghetti bolognese", None, None, 650),
    ("a protein bar", "protein bar", 1, None, 210),
    ("4 crackers", "cracker", 4, None, 64),
    ("100g hummus", "hummus", 100, "g", 166),
    ("a can of cola", "cola", 1, "can", 140),
]
TYPOS = {"banana": "bananna", "yogurt": "yoghurt", "almonds": "almons", "oatmeal": "oatmeel"}
SKIPPED = ["skipped the juice", "no dessert today", "didn't have the cake", "passed on the fries"]
# (phrase, meal_type, meal_time)
WHEN: list[tuple[str, str | None, str | None]] = [
    ("Breakfast at 7:30am:", "breakfast", "07:30"),
    ("breakfast @ 06:45 -", "breakfast", "06:45"),
    ("Brekkie around 8 -", "breakfast", "08:00"),
    ("Lunch, 12:15 pm:", "lunch", "12:15"),
    ("lunch at 1pm:", "lunch", "13:00"),
    ("Lunch:", "lunch", None),
    ("Dinner at 19:30 -", "dinner", "19:30"),
    ("dinner ~8pm:", "dinner", "20:00"),
    ("Dinner:", "dinner", None),
    ("snack at 4 pm:", "snack", "16:00"),
    ("Afternoon snack:", "snack", None),
    ("At 10:05 I had", None, "10:05"),
    ("Ate", None, None),
]


def _meal_text(rng: random.Random) -> tuple[str, Json]:
    phrase, meal_type, meal_time = rng.choice(WHEN)
    chosen = rng.sample(FOODS, rng.randint(1, 4))
    calories_style = rng.choice(["none", "items", "total", "both"])
    parts, items = [], []
    for written, food, quantity, unit, kcal in chosen:
        item_kcal = round(kcal)
        for right, wrong in TYPOS.items():
            if right in written and rng.random() < 0.5:
                written = written.replace(right, wrong)
        shown = f"{written} ({item_kcal} kcal)" if calories_style in ("items", "both") else written
        parts.append(shown)
        items.append(
            {
                "food": food,
                "quantity": quantity,
                "unit": unit,
                "calories": item_kcal if calories_style in ("items", "both") else None,
            }
        )
    text = f"{phrase} {_join(parts)}"
    if rng.random() < 0.3:
        text += f", {rng.choice(SKIPPED)}"
    total = sum(round(food[4]) for food in chosen)
    if calories_style in ("total", "both"):
        about, unit = rng.choice(["About", "Total", "~"]), rng.choice(["kcal", "cal", "calories"])
        text += f". {about} {total} {unit}"
    expected = {
        "meal_type": meal_type,
        "meal_time": meal_time,
        "items": items,
        "total_calories": total if calories_style in ("total", "both") else None,
    }
    return text, expected


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


# (as written, symptom)
SYMPTOMS = [
    ("headache", "headache"),
    ("hedache", "headache"),
    ("nausea", "nausea"),
    ("dry cough", "dry cough"),
    ("sore throat", "sore throat"),
    ("fatigue", "fatigue"),
    ("dizziness", "dizziness"),
    ("shortness of breath", "shortness of breath"),
    ("chest tightness", "chest tightness"),
    ("lower back pain", "lower back pain"),
    ("runny nose", "runny nose"),
    ("abdominal pain", "abdominal pain"),
]
DENIED = ["fever", "chest pain", "vomiting", "rash", "palpitations"]
# (as written, name, dose, unit, frequency as the gold says it)
MEDICATIONS: list[tuple[str, str, float | None, str | None, str | None]] = [
    ("ibuprofen 400 mg every 6 hours as needed", "ibuprofen", 400, "mg", "every 6 hours as needed"),
    ("paracetamol 1 g four times daily", "paracetamol", 1, "g", "four times daily"),
    ("amoxicillin 500mg three times daily", "amoxicillin", 500, "mg", "three times daily"),
    ("metformin 850 mg twice daily", "metformin", 850, "mg", "twice daily"),
    ("lisinopril 10 mg once daily", "lisinopril", 10, "mg", "once daily"),
    ("salbutamol inhaler 2 puffs as needed", "salbutamol", 2, "puffs", "as needed"),
    ("levothyroxine 75 mcg daily", "levothyroxine", 75, "mcg", "daily"),
    ("insulin glargine 20 units at night", "insulin glargine", 20, "units", "at night"),
    ("omeprazole 20 mg", "omeprazole", 20, "mg", None),
    ("atorvastatin", "atorvastatin", None, None, None),
    ("cetirizine 10mg once daily", "cetirizine", 10, "mg", "once daily"),
]
STOPPED = ["stopped aspirin last week", "no longer taking naproxen"]


def _vitals(rng: random.Random) -> tuple[list[str], list[Json]]:
    written, vitals = [], []
    for kind in rng.sample(
        ["bp", "hr", "temp", "weight", "spo2", "glucose", "rr"], rng.randint(0, 4)
    ):
        if kind == "bp":
            sys_, dia = rng.randint(105, 165), rng.randint(65, 100)
            written.append(f"BP {sys_}/{dia}")
            vitals += [
                _vital("blood_pressure_systolic", sys_, "mmHg"),
                _vital("blood_pressure_diastolic", dia, "mmHg"),
            ]
        elif kind == "hr":
            value = rng.randint(52, 118)
            written.append(
                rng.choice([f"HR {value} bpm", f"pulse {value}", f"heart rate {value}/min"])
            )
            vitals.append(_vital("heart_rate", value, "bpm"))
        elif kind == "temp":
            if rng.random() < 0.5:
                value = round(rng.uniform(97.5, 102.5), 1)
                written.append(f"temp {value}F")
                vitals.append(_vital("temperature", value, "fahrenheit"))
            else:
                value = round(rng.uniform(36.2, 39.4), 1)
                written.append(f"T {value} °C")
                vitals.append(_vital("temperature", value, "celsius"))
        elif kind == "weight":
            if rng.random() < 0.5:
                value = rng.randint(50, 120)
                written.append(f"weight {value} kg")
                vitals.append(_vital("weight", value, "kg"))
            else:
                value = rng.randint(110, 260)
                written.append(f"wt {value} lbs")
                vitals.append(_vital("weight", value, "lb"))
        elif kind == "spo2":
            value = rng.randint(88, 100)
            written.append(f"SpO2 {value}%")
            vitals.append(_vital("spo2", value, "percent"))
        elif kind == "glucose":
            if rng.random() < 0.5:
                value = rng.randint(70, 260)
                written.append(f"glucose {value} mg/dL")
                vitals.append(_vital("glucose", value, "mg/dL"))
            else:
                value = round(rng.uniform(4.0, 14.0), 1)
                written.append(f"BG {value} mmol/L")
                vitals.append(_vital("glucose", value, "mmol/L"))
        else:
            value = rng.randint(12, 26)
            written.append(f"RR {value}")
            vitals.append(_vital("respiratory_rate", value, "breaths/min"))
    return written, vitals


def _vital(kind: str, value: float, unit: str) -> Json:
    return {"kind": kind, "value": value, "unit": unit}


def _note_text(rng: random.Random) -> tuple[str, Json]:
    symptoms = rng.sample(SYMPTOMS, rng.randint(0, 3))
    denied = rng.sample(DENIED, rng.randint(0, 2))
    medications = rng.sample(MEDICATIONS, rng.randint(0, 2))
    vital_texts, vitals = _vitals(rng)
    sentences = []
    if symptoms:
        opener = rng.choice(["Pt c/o", "Patient reports", "Complains of", "Presents with"])
        sentences.append(f"{opener} {_join([s[0] for s in symptoms])}")
    else:
        sentences.append(rng.choice(["Routine follow-up, no complaints", "Feels well today"]))
    if denied:
        sentences.append(f"denies {_join(denied)}")
    if vital_texts:
        sentences.append(", ".join(vital_texts))
    if medications:
        verb = rng.choice(["Started", "Continue", "On", "Rx:"])
        sentences.append(f"{verb} {_join([m[0] for m in medications])}")
    if rng.random() < 0.25:
        sentences.append(rng.choice(STOPPED))
    expected = {
        "symptoms": [s[1] for s in symptoms],
        "medications": [
            {"name": m[1], "dose": m[2], "dose_unit": m[3], "frequency": m[4]} for m in medications
        ],
        "vitals": vitals,
    }
    return ". ".join(sentences) + ".", expected


def write(name: str, make: Any, seed: int) -> None:
    rng = random.Random(seed)
    with (HERE / f"{name}.jsonl").open("w") as out:
        for index in range(COUNT):
            text, expected = make(rng)
            out.write(
                json.dumps({"id": f"{name}-{index:03d}", "text": text, "expected": expected}) + "\n"
            )


def main() -> None:
    write("meal_log", _meal_text, seed=2)
    write("clinical_note", _note_text, seed=12)


if __name__ == "__main__":
    main()
