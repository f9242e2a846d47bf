"""Less frequent records: blood tests, meals, appointments and orders."""

import numpy as np
import pandas as pd

from ml.synthetic.calendar import Period
from ml.synthetic.population import Population

# (description, usual kcal, share of energy from protein, carbohydrate, fat)
MENU: dict[str, list[tuple[str, float, float, float, float]]] = {
    "breakfast": [
        ("Oatmeal with berries", 350, 0.13, 0.68, 0.19),
        ("Scrambled eggs on toast", 420, 0.27, 0.33, 0.40),
        ("Greek yogurt with granola", 380, 0.22, 0.53, 0.25),
        ("Avocado toast", 450, 0.11, 0.42, 0.47),
        ("Pancakes with maple syrup", 600, 0.08, 0.70, 0.22),
        ("Full breakfast with bacon and sausages", 850, 0.20, 0.25, 0.55),
    ],
    "lunch": [
        ("Chicken salad", 450, 0.38, 0.17, 0.45),
        ("Turkey sandwich", 520, 0.28, 0.45, 0.27),
        ("Lentil soup with bread", 480, 0.20, 0.62, 0.18),
        ("Sushi", 550, 0.20, 0.65, 0.15),
        ("Burrito bowl", 750, 0.22, 0.50, 0.28),
        ("Cheeseburger and fries", 1000, 0.16, 0.40, 0.44),
    ],
    "dinner": [
        ("Grilled salmon with rice", 650, 0.30, 0.42, 0.28),
        ("Vegetable stir-fry with tofu", 520, 0.22, 0.45, 0.33),
        ("Spaghetti bolognese", 750, 0.21, 0.52, 0.27),
        ("Chicken curry with rice", 800, 0.24, 0.48, 0.28),
        ("Pizza", 950, 0.17, 0.47, 0.36),
        ("Steak with potatoes", 850, 0.32, 0.30, 0.38),
    ],
    "snack": [
        ("Apple", 95, 0.02, 0.95, 0.03),
        ("Handful of almonds", 170, 0.14, 0.14, 0.72),
        ("Chocolate bar", 230, 0.06, 0.44, 0.50),
        ("Protein bar", 200, 0.30, 0.45, 0.25),
        ("Banana", 105, 0.04, 0.92, 0.04),
    ],
}
# (meal, chance per logged day, earliest hour, latest hour)
MEALS = [
    ("breakfast", 0.85, 6.5, 9.5),
    ("lunch", 0.93, 11.5, 14.0),
    ("dinner", 0.96, 18.0, 21.0),
    ("snack", 0.45, 10.0, 22.0),
    ("snack", 0.25, 10.0, 22.0),
]
_CLINICIANS = "Achebe Berg Cho Duarte Ekwueme Fontaine Gupta Horvat Ivanova"
CLINICIANS = np.array([f"Dr. {name}" for name in _CLINICIANS.split()])
GENERAL_REASONS = np.array(
    ["Annual check-up", "Sleep consultation", "Nutrition counselling", "Knee pain", "Vaccination"]
)
CONDITION_REASONS = {
    "diabetic": "Diabetes follow-up",
    "hypertensive": "Blood pressure review",
    "high_cholesterol": "Cholesterol review",
}
PRODUCTS = np.array(
    [
        "Smart scale",
        "Fitness tracker band",
        "Pulse oximeter",
        "Digital blood pressure monitor",
        "Omega-3 capsules (90)",
        "Vitamin D3 drops",
        "Whey protein 1 kg",
        "Yoga mat",
        "Running shoes",
        "Resistance bands",
    ]
)
TEST_STRIPS = "Blood glucose test strips (50)"


def _per_user(rng: np.random.Generator, expected: np.ndarray) -> np.ndarray:
    """Index of the user each of a Poisson number of events per user belongs to."""
    return np.repeat(np.arange(len(expected)), rng.poisson(expected))


def _numbered(frame: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    frame = frame.sort_values(order, kind="stable", ignore_index=True)
    frame.insert(0, "id", np.arange(1, len(frame) + 1))
    return frame


def blood_tests_table(rng: np.random.Generator, people: Population, period: Period) -> pd.DataFrame:
    """One to a few lab panels per user; not every panel measures everything."""
    user = np.repeat(np.arange(people.size), 1 + rng.poisson(period.days / 75, people.size))
    n = len(user)
    age, bmi, female = people.age[user], people.bmi[user], people.female[user]
    diabetic, fitness = people.diabetic[user], people.fitness[user]
    glucose = people.fasting_glucose_mg_dl[user] + rng.normal(0, 5, n)
    # ADAG: HbA1c from average glucose, which runs about 20 mg/dL above fasting.
    hba1c = (glucose + 20 + 46.7) / 28.7 + rng.normal(0, 0.2, n)
    total = 175 + 0.7 * (age - 40) + 1.6 * (bmi - 25) + 25 * people.high_cholesterol[user]
    total = total + rng.normal(0, 22, people.size)[user] + rng.normal(0, 8, n)
    hdl = np.clip(52 + 10 * female - 0.9 * (bmi - 25) + 3 * fitness + rng.normal(0, 9, n), 20, 110)
    triglycerides = np.exp(
        np.log(110) + 0.035 * (bmi - 25) + 0.25 * diabetic + rng.normal(0, 0.35, n)
    )
    triglycerides = np.clip(triglycerides, 35, 900)
    ldl = np.maximum(total - hdl - triglycerides / 5, 30)  # Friedewald
    no_lipids = rng.random(n) < 0.12
    no_glucose = (rng.random(n) < 0.08) & ~no_lipids
    no_hba1c = no_glucose | (rng.random(n) < 0.15)

    def measured(values: np.ndarray, missing: np.ndarray, decimals: int = 0) -> np.ndarray:
        return np.where(missing, np.nan, np.round(values, decimals))

    taken_at = period.timestamps(rng.integers(0, period.days, n), rng.uniform(7, 10, n))
    frame = pd.DataFrame(
        {
            "user_id": user + 1,
            "taken_at": taken_at,
            "fasting_glucose_mg_dl": measured(np.clip(glucose, 40, 450), no_glucose),
            "hba1c_percent": measured(np.clip(hba1c, 3.5, 15), no_hba1c, 1),
            "total_cholesterol_mg_dl": measured(total, no_lipids),
            "ldl_mg_dl": measured(ldl, no_lipids),
            "hdl_mg_dl": measured(hdl, no_lipids),
            "triglycerides_mg_dl": measured(triglycerides, no_lipids),
            # Lab results arrive one to three days after the sample.
            "created_at": taken_at + pd.to_timedelta(rng.integers(1, 4, n), "D"),
        }
    )
    return _numbered(frame, ["user_id", "taken_at"])


def meals_table(
    rng: np.random.Generator, people: Population, period: Period, logged: np.ndarray
) -> pd.DataFrame:
    """Meals on the days a user logs: portions sized to their energy needs, macros from the dish."""
    user, day = np.nonzero(logged)
    # Bigger bodies need, and eat, bigger portions; appetite varies from day to day.
    portion = (people.resting_energy_kcal[user] * 1.45 / 2300) * np.exp(
        rng.normal(0, 0.1, len(user))
    )
    parts = []
    for meal, chance, earliest, latest in MEALS:
        eaten = rng.random(len(user)) < chance
        hour = rng.uniform(earliest, latest, int(eaten.sum()))
        parts.append(_meals(rng, meal, user[eaten], day[eaten], hour, portion[eaten]))
    return _finish_meals(rng, pd.concat(parts, ignore_index=True), period)


def _meals(
    rng: np.random.Generator,
    meal: str,
    user: np.ndarray,
    day: np.ndarray,
    hour: np.ndarray,
    portion: np.ndarray,
) -> pd.DataFrame:
    n = len(user)
    dish = rng.integers(0, len(MENU[meal]), n)
    usual, protein, carbohydrate, fat = (
        np.array([d[i] for d in MENU[meal]])[dish] for i in (1, 2, 3, 4)
    )
    calories = usual * portion * np.exp(rng.normal(0, 0.15, n))
    feast = rng.random(n) < 0.001  # a wedding, a birthday: a lot, but people do eat this much
    calories = np.round(np.where(feast, rng.uniform(2200, 3200, n), calories))
    noise = np.exp(rng.normal(0, 0.08, (3, n)))
    return pd.DataFrame(
        {
            "user": user,
            "day": day,
            "hour": hour,
            "description": np.array([d[0] for d in MENU[meal]])[dish],
            "calories": calories,
            "protein_g": np.round(calories * protein / 4 * noise[0], 1),
            "carbohydrate_g": np.round(calories * carbohydrate / 4 * noise[1], 1),
            "fat_g": np.round(calories * fat / 9 * noise[2], 1),
        }
    )


def _finish_meals(rng: np.random.Generator, meals: pd.DataFrame, period: Period) -> pd.DataFrame:
    eaten_at = period.timestamps(meals["day"].to_numpy(), meals["hour"].to_numpy())
    frame = meals.drop(columns=["user", "day", "hour"])
    frame.insert(0, "user_id", meals["user"].to_numpy() + 1)
    frame.insert(1, "eaten_at", eaten_at)
    # Typed in by hand without the macros.
    frame.loc[rng.random(len(frame)) < 0.12, ["protein_g", "carbohydrate_g", "fat_g"]] = np.nan
    frame["created_at"] = eaten_at + pd.to_timedelta(rng.uniform(30, 7200, len(frame)).round(), "s")
    return _numbered(frame, ["user_id", "eaten_at"])


def appointments_table(
    rng: np.random.Generator, people: Population, period: Period
) -> pd.DataFrame:
    """Visits on weekday office hours; users with conditions see a clinician more often."""
    conditions = {name: getattr(people, name) for name in CONDITION_REASONS}
    burden = sum(flags.astype(float) for flags in conditions.values())
    user = _per_user(rng, (0.5 + 0.5 * burden) * period.days / 90 + 0.2)
    n = len(user)
    # Up to 30 days past the period: those are still to come.
    day = rng.integers(0, period.days + 30, n)
    weekday = (period.start.weekday() + day) % 7
    day = day + np.where(weekday >= 5, 7 - weekday, 0)  # a weekend date moves to Monday
    scheduled_at = period.timestamps(day, 8 + 0.25 * rng.integers(0, 36, n))
    reason = rng.choice(GENERAL_REASONS, n)
    for name, why in CONDITION_REASONS.items():
        reason = np.where(conditions[name][user] & (rng.random(n) < 0.5), why, reason)
    usual = rng.choice(CLINICIANS, people.size)[user]
    clinician = np.where(rng.random(n) < 0.7, usual, rng.choice(CLINICIANS, n))
    outcome = rng.choice(["completed", "cancelled", "no-show"], n, p=[0.82, 0.11, 0.07])
    booked = scheduled_at - pd.to_timedelta(rng.uniform(1, 30, n).round(3), "D")
    signed_up = people.users["created_at"].to_numpy()
    frame = pd.DataFrame(
        {
            "user_id": user + 1,
            "scheduled_at": scheduled_at,
            "clinician": clinician,
            "reason": reason,
            "status": np.where(scheduled_at < period.end, outcome, "scheduled"),
            "created_at": booked.clip(lower=signed_up[user], upper=period.end)
            .dt.floor("s")
            .astype("datetime64[us, UTC]"),
        }
    )
    return _numbered(frame, ["user_id", "scheduled_at"])


def orders_table(rng: np.random.Generator, people: Population, period: Period) -> pd.DataFrame:
    """Shop orders: now and then for everyone, test strips every month or so with diabetes."""
    general = _per_user(rng, np.full(people.size, 0.8 * period.days / 90 + 0.1))
    strips = _per_user(rng, people.diabetic * period.days / 30)
    user = np.concatenate([general, strips])
    product = np.concatenate(
        [rng.choice(PRODUCTS, len(general)), np.full(len(strips), TEST_STRIPS)]
    )
    quantity = np.concatenate([rng.geometric(0.7, len(general)), rng.integers(1, 5, len(strips))])
    frame = pd.DataFrame(
        {
            "user_id": user + 1,
            "product_name": product,
            "quantity": quantity.astype("int64"),
            "order_date": period.timestamps(
                rng.integers(0, period.days, len(user)), rng.uniform(7, 23, len(user))
            ),
        }
    )
    return _numbered(frame, ["user_id", "order_date"])
