"""Synthetic people: who they are (age, sex, body) and the hidden traits their days follow."""

import json
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ml.synthetic.calendar import Period, utc

SEXES = np.array(["female", "male", "other", "unknown"])
SEX_SHARES = [0.505, 0.475, 0.01, 0.01]
# Split from text to keep the lists short on the page.
_FEMALE = """Ada Amara Anna Beatriz Chloe Clara Daniela Elena Emma Fatima Grace Hana Ines Ingrid
Isla Julia Keiko Laila Lena Lucia Maya Mei Mira Nadia Nora Olivia Priya Rosa Sara Sofia Yara Zoe"""
_MALE = """Aaron Ahmed Andre Arjun Ben Carlos Daniel David Diego Elias Ethan Felix Hugo Ivan
James Jonas Kenji Leo Liam Lucas Marco Mateo Noah Omar Oscar Pavel Rafael Samuel Tariq Theo
Tomas Yusuf"""
_NEUTRAL = "Alex Ari Charlie Jamie Jordan Kai Morgan Noor Robin Sam Taylor"
_LAST = """Abe Adeyemi Almeida Andersen Bauer Becker Chen Costa Dubois Eriksen Fischer Garcia Gomez
Haddad Hansen Ito Jensen Kaur Khan Kim Kowalski Larsen Lopez Martin Meyer Moreau Mueller Nakamura
Nguyen Novak Okafor Olsen Park Patel Perez Petrov Rossi Santos Schmidt Silva Singh Suzuki Tanaka
Torres Wagner Walker Wang Weber Wilson Yilmaz Zhang"""
FEMALE_NAMES, MALE_NAMES, NEUTRAL_NAMES, LAST_NAMES = (
    np.array(text.split()) for text in (_FEMALE, _MALE, _NEUTRAL, _LAST)
)


@dataclass(frozen=True)
class Population:
    """The users table plus the true traits behind it (the table may hide some, e.g. age)."""

    users: pd.DataFrame
    age: np.ndarray
    male: np.ndarray
    female: np.ndarray
    height_cm: np.ndarray
    bmi: np.ndarray
    fitness: np.ndarray  # standardised: +1 is one standard deviation fitter than average
    diabetic: np.ndarray
    hypertensive: np.ndarray
    high_cholesterol: np.ndarray
    adherence: np.ndarray  # share of days the user's tracker records anything
    glucose_offset: np.ndarray  # the user's own deviation from the fasting glucose trend

    @property
    def fasting_glucose_mg_dl(self) -> np.ndarray:
        """Usual fasting glucose: rises with age and BMI, and much higher with diabetes."""
        trend = 84 + 0.25 * (self.age - 40) + 1.5 * (self.bmi - 25) + 45 * self.diabetic
        return np.asarray(trend + self.glucose_offset)

    @property
    def size(self) -> int:
        return len(self.age)

    @property
    def weight_kg(self) -> np.ndarray:
        return self.bmi * (self.height_cm / 100) ** 2

    @property
    def resting_energy_kcal(self) -> np.ndarray:
        """Energy spent at rest in a day (Mifflin-St Jeor)."""
        resting = 10 * self.weight_kg + 6.25 * self.height_cm - 5 * self.age
        return resting + np.where(self.male, 5.0, np.where(self.female, -161.0, -78.0))


def _logistic(x: np.ndarray) -> np.ndarray:
    return np.asarray(1 / (1 + np.exp(-x)))


def generate_population(
    rng: np.random.Generator, size: int, period: Period, seed: int
) -> Population:
    """`size` adults with plausible demographics and correlated health traits."""
    sex = rng.choice(SEXES, size=size, p=SEX_SHARES)
    male, female = sex == "male", sex == "female"
    age = np.clip(rng.normal(44, 15, size), 18, 90)
    mean_height = np.where(male, 176.5, np.where(female, 162.5, 169.0))
    shrinkage = 0.05 * np.maximum(age - 50, 0)  # people lose a little height after 50
    height = np.clip(mean_height - shrinkage + rng.normal(0, 7, size), 140, 205)
    bmi_trend = 23.4 + 0.075 * (age - 18) - 0.1 * np.maximum(age - 65, 0)
    bmi = np.clip(bmi_trend * np.exp(rng.normal(0, 0.16, size)), 16.5, 52)
    fitness = 0.85 * rng.normal(0, 1, size) - 0.5 * (bmi - 26) / 4.5
    diabetic = rng.random(size) < _logistic(-5.2 + 0.05 * age + 0.14 * (bmi - 25))
    hypertensive = rng.random(size) < _logistic(-4.3 + 0.06 * age + 0.1 * (bmi - 25) + 0.3 * male)
    high_cholesterol = rng.random(size) < _logistic(-4.2 + 0.045 * age + 0.05 * (bmi - 25))
    asthma = rng.random(size) < 0.08
    # Most users wear their tracker nearly every day; a fifth forget it often.
    casual = rng.random(size) < 0.2
    adherence = np.where(casual, rng.uniform(0.55, 0.85, size), rng.beta(40, 1, size))
    conditions = _conditions(diabetic, hypertensive, high_cholesterol, asthma)
    users = _users_table(rng, period, seed, sex=sex, age=age, height=height, conditions=conditions)
    return Population(
        users=users,
        age=age,
        male=male,
        female=female,
        height_cm=height,
        bmi=bmi,
        fitness=fitness,
        diabetic=diabetic,
        hypertensive=hypertensive,
        high_cholesterol=high_cholesterol,
        adherence=adherence,
        glucose_offset=rng.normal(0, 6, size),
    )


def _conditions(*flags: np.ndarray) -> list[str]:
    names = ["type 2 diabetes", "hypertension", "high cholesterol", "asthma"]
    return [
        json.dumps([name for name, has in zip(names, row, strict=True) if has])
        for row in zip(*flags, strict=True)
    ]


def _users_table(
    rng: np.random.Generator,
    period: Period,
    seed: int,
    *,
    sex: np.ndarray,
    age: np.ndarray,
    height: np.ndarray,
    conditions: list[str],
) -> pd.DataFrame:
    size = len(sex)
    first = np.where(
        sex == "female",
        rng.choice(FEMALE_NAMES, size),
        np.where(sex == "male", rng.choice(MALE_NAMES, size), rng.choice(NEUTRAL_NAMES, size)),
    )
    last = rng.choice(LAST_NAMES, size)
    ids = np.arange(1, size + 1)
    # The seed in the domain keeps two seeds' users apart in one database (emails are unique).
    emails = [
        f"{f}.{s}.{i}@seed{seed}.pulsetrack.example".lower()
        for f, s, i in zip(first, last, ids, strict=True)
    ]
    start = np.datetime64(period.start, "D")
    birth = start - np.round(age * 365.25).astype("timedelta64[D]")
    signed_up = start.astype("datetime64[us]") - (rng.uniform(1, 400, size) * 86_400e6).astype(
        "timedelta64[us]"
    )
    signed_up = signed_up.astype("datetime64[s]").astype("datetime64[us]")
    frame = pd.DataFrame(
        {
            "id": ids,
            "name": np.char.add(np.char.add(first.astype(str), " "), last.astype(str)),
            "email": emails,
            "birth_date": pd.Series(birth).dt.date,
            "sex": sex,
            "height_cm": np.round(height, 1),
            "medical_conditions": conditions,
            "created_at": utc(signed_up),
            "updated_at": utc(signed_up),
        }
    )
    # Not everyone fills in their profile.
    frame.loc[rng.random(size) < 0.02, "birth_date"] = None
    frame.loc[rng.random(size) < 0.015, "height_cm"] = np.nan
    return frame
