"""The extension points' registry, and what the apps plug into the ground floor."""

from cms import navigation
from cms.extensions import Registry
from learning import skill_evidence


def test_a_registry_gives_contributions_by_order_then_registration():
    registry = Registry("test")
    registry.register("late", order=200)
    registry.register("first")
    registry.register("second")

    @registry.register(order=10)
    def early():
        return "early"

    assert list(registry) == [early, "first", "second", "late"]
    assert repr(registry) == "<Registry: test>"


def test_the_features_plug_into_the_layers_below_them():
    landings = [landing.__module__ for landing in navigation.LANDINGS]
    sources = [source.__module__ for source in skill_evidence.EVIDENCE_SOURCES]

    # A mentor who only mentors lands on mentoring before anyone falls back to the dashboard.
    assert landings == ["mentoring.extensions", "learning.extensions"]
    assert sorted(sources) == ["mentoring.extensions", "portfolio.extensions"]
