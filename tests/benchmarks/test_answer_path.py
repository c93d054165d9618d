"""The answer-path benchmark plays whole interviews correctly; its speed is not tested here."""

from benchmarks.answer_scenario import run_scenario


async def test_bot_scenario_completes_every_interview() -> None:
    figures = await run_scenario("bot", respondents=5, paced=False, serving=False)

    assert figures["complete"] == 5
    assert figures["lost"] == 0
    assert figures["alerts"] == 0
    assert figures["unknown_methods"] == {}
    assert figures["updates"] > 5 * 40, "each interview should take over 40 updates"


async def test_write_floor_replies_to_every_update() -> None:
    figures = await run_scenario("write_floor", respondents=2, paced=False)

    assert figures["lost"] == 0
    assert figures["bot_api_calls_per_update"] == 1.0
