"""The decoder's learned part and how a reading combines it with the rules: wordings no
pattern covers, the specific cause above generic advice, a cautious outcome, "not
recognised" when unsure, the words that decided it, and the figures decoder_eval prints.
Pure: no database."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.wizard.decoder.conftest import EXAMPLES, labelled, seed_facts
from wizard.decoder import decode
from wizard.decoder.evaluation import (
    Item,
    LabelError,
    evaluate,
    item_from,
    pooled,
    read_jsonl,
    source_folds,
    source_key,
)
from wizard.decoder.learned import NOT_FAILURE, Guess, Labelled, LearnedReader, train
from wizard.decoder.reading import Label

NOT_FAILURES = [
    "您的账单已还清，感谢您的使用",
    "【某银行】您尾号#的信用卡本期账单已出，请于到期日前还款",
    "双十一狂欢，分期免息，点击领取优惠券",
    "您的验证码是#，请勿泄露给他人",
    "还款提醒：本期应还金额请于到期日前存入还款账户",
    "恭喜您获得新人礼包，立即查看",
]


@pytest.fixture(scope="module")
def model() -> LearnedReader:
    """Trained as retrain_decoder trains (without the corpus): the labelled examples, the
    shipped patterns' phrases and a few messages that are no payment failure."""
    examples = [Labelled(e["text"], e["symptom"], e["outcome"]) for e in labelled(EXAMPLES)]
    examples += [
        Labelled(" ".join(f.phrases), f.symptom, f.outcome) for f in seed_facts() if f.phrases
    ]
    examples += [Labelled(text, NOT_FAILURE, "no_match") for text in NOT_FAILURES]
    return train(examples)


@pytest.mark.parametrize(
    ("message", "symptom"),
    [
        ("持卡人信息有误", "info_mismatch"),
        ("该卡已被注销", "card_problem"),
        ("验证失败(手机号有误)", "info_mismatch"),
    ],
)
def test_the_learned_part_reads_wordings_no_pattern_covers(seed_set, model, message, symptom):
    assert decode(message, patterns=seed_set).outcome == "no_match", "no pattern covers it"
    reading = decode(message, patterns=seed_set, model=model)
    assert (reading.symptom, reading.outcome, reading.source) == (symptom, "failed", "model")
    assert reading.because, "the n-grams that decided it are named"
    assert reading.explanation and reading.next_step


@pytest.mark.parametrize(
    ("message", "symptom"),
    [
        ("卡片过期,请联系发卡行", "card_problem"),
        ("该卡已冻结,请联系发卡行", "card_problem"),
        ("超出支付限额,请联系发卡行", "limit_exceeded"),
    ],
)
def test_a_specific_cause_outranks_generic_advice(seed_set, model, message, symptom):
    assert decode(message, patterns=seed_set).symptom == symptom
    assert decode(message, patterns=seed_set, model=model).symptom == symptom


def test_generic_advice_alone_still_reads_as_declined(seed_set, model):
    assert decode("交易失败,请联系发卡行", patterns=seed_set, model=model).symptom == "declined"


def test_a_namespaced_code_is_exact_and_the_model_does_not_overrule_it(seed_set, model):
    reading = decode("ACQ.BUYER_BANKCARD_BALANCE_NOT_ENOUGH", patterns=seed_set, model=model)
    assert (reading.symptom, reading.source) == ("insufficient_funds", "rule")
    assert reading.pattern is not None


@pytest.mark.parametrize("message", ["余额不足，交易结果未知", "扣款成功，销账未知"])
def test_any_sign_that_money_may_have_left_wins_with_the_model_too(seed_set, model, message):
    assert decode(message, patterns=seed_set, model=model).may_have_left


def test_a_message_that_is_no_failure_is_not_recognised(seed_set, model):
    reading = decode("恭喜您获得新人礼包,立即查看", patterns=seed_set, model=model)
    assert reading.outcome == "no_match" and reading.source == ""


def test_below_the_threshold_the_learned_part_says_nothing(seed_set, model):
    unsure = model.with_threshold(0.999)
    assert decode("持卡人信息有误", patterns=seed_set, model=unsure).outcome == "no_match"


def test_a_label_decides_before_rules_and_model(seed_set, model):
    label = Label("risk_control", "failed")
    reading = decode("余额不足", patterns=seed_set, model=model, label=label)
    assert (reading.symptom, reading.outcome, reading.source) == ("risk_control", "failed", "label")
    nothing = decode("余额不足", patterns=seed_set, label=Label(NOT_FAILURE, "no_match"))
    assert nothing.outcome == "no_match"


def test_training_is_deterministic(model):
    again = train(
        [Labelled(e["text"], e["symptom"], e["outcome"]) for e in labelled(EXAMPLES)]
        + [Labelled(" ".join(f.phrases), f.symptom, f.outcome) for f in seed_facts() if f.phrases]
        + [Labelled(text, NOT_FAILURE, "no_match") for text in NOT_FAILURES]
    )
    assert (again.weights == model.weights).all() and again.vocabulary == model.vocabulary


def test_a_2000_character_message_is_read_only_as_far_as_the_learned_part_needs(seed_set, model):
    long = "卡片过期," + "啊" * 1995
    assert decode(long, patterns=seed_set, model=model).symptom == "card_problem"


def test_the_evaluation_counts_problems_outcomes_and_confusions(seed_set):
    items = read_jsonl(
        [
            '{"text": "余额不足", "symptom": "insufficient_funds", "outcome": "failed"}',
            '{"text": "交易处理中", "accept": ["timeout", "declined"], "outcome": "unknown"}',
            '{"text": "今天天气不错", "symptom": null, "outcome": "no_match"}',
            '{"text": "预留手机号不一致", "symptom": "card_problem", "outcome": "failed"}',
            "",
        ]
    )
    report = evaluate(items, lambda item: decode(item.text, patterns=seed_set)).to_dict()
    assert report["messages"] == 4 and report["accuracy"] == 0.75
    assert report["failures"] == {"messages": 3, "right_problem": 2, "share": 0.6667}
    assert report["non_failures"]["share"] == 1.0
    assert report["by_outcome"]["unknown"]["flagged"] == 1
    assert report["by_problem"]["card_problem"]["right"] == 0
    assert report["confusions"] == [
        {"expected": "card_problem", "read": "info_mismatch", "count": 1}
    ]


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"symptom": "timeout", "outcome": "unknown"}, "text"),
        ({"text": "x", "symptom": "timeout", "outcome": "lost"}, "outcome"),
        ({"text": "x", "outcome": "failed"}, "symptom"),
        ([1, 2], "JSON object"),
    ],
)
def test_a_bad_labelled_line_names_the_line_and_the_field(record, message):
    with pytest.raises(LabelError, match=message):
        item_from(record, line=3)


@dataclass(frozen=True)
class StubReader:
    """A learned part that reads every message the same way, as its fields say."""

    problems: tuple[tuple[str, float], ...]
    outcome: str = "failed"
    money_share: float = 0.0
    because: tuple[str, ...] = ()
    threshold: float = 0.5

    def guess(self, message: object) -> Guess:
        return Guess(self.problems, self.outcome, self.money_share, self.because)


def money_taken_unsure_of_problem() -> StubReader:
    """Money taken, the problem unsure between two."""
    return StubReader(
        problems=(("deducted_not_credited", 0.4), ("timeout", 0.35), (NOT_FAILURE, 0.25)),
        outcome="deducted",
        money_share=0.7,
        because=("已支付",),
    )


def torn_between_two_problems(not_failure: float = 0.04) -> StubReader:
    """Sure (but for `not_failure`) that every message is a payment failure, torn between two
    problems, and sure the money did not leave."""
    share = (1.0 - not_failure) / 2
    return StubReader(
        problems=(
            ("card_problem", share + 0.01),
            ("risk_control", share - 0.01),
            (NOT_FAILURE, not_failure),
        ),
        because=("受限",),
        threshold=0.8,
    )


def sure_it_is_no_failure() -> StubReader:
    """Sure that every message is no payment failure, and of no money sign."""
    return StubReader(
        problems=((NOT_FAILURE, 0.9), ("insufficient_funds", 0.06), ("declined", 0.04)),
        outcome="no_match",
    )


def test_money_taken_outranks_a_pending_result_when_the_outcome_says_money_left(seed_set):
    # The rules alone read it so too now: "已支付" says the money left (TAKEN).
    rules_alone = decode("订单已支付,请勿重复支付", patterns=seed_set)
    assert (rules_alone.symptom, rules_alone.outcome) == ("deducted_not_credited", "deducted")
    reading = decode(
        "订单已支付,请勿重复支付", patterns=seed_set, model=money_taken_unsure_of_problem()
    )
    assert (reading.symptom, reading.outcome) == ("deducted_not_credited", "deducted")
    assert "timeout" in [candidate.symptom for candidate in reading.candidates]


def test_a_successful_debit_is_no_failure_but_an_unsettled_one_is_money_taken(seed_set):
    success = "系统扣款成功:已通过您绑定的银行卡账户自动扣款成功,扣款金额为X元,请您知悉。"
    assert decode(success, patterns=seed_set).outcome == "no_match"
    for unsettled in ("扣款成功,销账未知", "扣款成功但交易超过规定支付时间"):
        assert decode(unsettled, patterns=seed_set).outcome == "deducted", unsettled


def test_a_failure_the_model_is_sure_of_is_read_even_when_two_problems_share_the_belief(
    seed_set,
):
    message = "该银行卡当前受限"  # no shipped pattern reads it: the model decides
    assert not decode(message, patterns=seed_set).matched
    reading = decode(message, patterns=seed_set, model=torn_between_two_problems())
    assert (reading.symptom, reading.outcome, reading.source) == ("card_problem", "failed", "model")
    # No problem reaches the threshold by itself, so only the likeliest is put forward.
    assert [candidate.symptom for candidate in reading.candidates] == ["card_problem"]
    assert reading.because == ("受限",)


def test_a_message_the_model_doubts_is_a_failure_is_not_recognised(seed_set):
    # A failure at 70 %, below the threshold of 80 %.
    doubtful = torn_between_two_problems(not_failure=0.3)
    assert decode("该银行卡当前受限", patterns=seed_set, model=doubtful).outcome == "no_match"


@pytest.mark.parametrize(
    "message",
    [
        "还款失败了，可是银行卡被扣了钱",
        "借呗自动还款不成功，但银行卡扣费了",
        "我都还了，账单还是显示逾期",
        "支付失败，已支付的款项将退回原卡",
    ],
)
def test_a_failure_that_took_the_money_is_money_taken(seed_set, message):
    reading = decode(message, patterns=seed_set)
    assert (reading.symptom, reading.outcome) == ("deducted_not_credited", "deducted"), message


@pytest.mark.parametrize(
    "message", ["扣款失败", "花呗自动还款失败，请及时还款", "支付失败，请稍后重试"]
)
def test_a_failure_that_names_no_debit_stays_a_failure(seed_set, message):
    assert decode(message, patterns=seed_set).outcome == "failed", message


def test_the_model_overrules_a_specific_pattern_but_not_generic_advice_it_never_read(seed_set):
    # "余额不足" is read by the model too: sure it is a reminder, it overrules the pattern.
    reminder = decode(
        "请确保还款日前余额充足，避免余额不足", patterns=seed_set, model=sure_it_is_no_failure()
    )
    assert reminder.outcome == "no_match"
    # "还款失败" is cut from the model's text, which sees only a lender's name: the pattern
    # that saw the failure still reads it.
    failure = decode("小米分期还款失败", patterns=seed_set, model=sure_it_is_no_failure())
    assert (failure.symptom, failure.outcome, failure.source) == ("declined", "failed", "rule")
    # Once the message says it failed, the specific cause beside the generic words keeps its
    # rank: the model's doubt overrules nothing.
    cause = decode(
        "很抱歉您本次贷款还款失败！绑定卡余额不足，请于今日16:00前存入本期还款金额",
        patterns=seed_set,
        model=sure_it_is_no_failure(),
    )
    assert (cause.symptom, cause.outcome, cause.source) == ("insufficient_funds", "failed", "rule")


@pytest.mark.parametrize(
    ("message", "symptom"),
    [
        ("该账单存在逾期，请先还清逾期账单后再还款", "no_repay_option"),
        ("本期当前不可还款，请于X后再试", "no_repay_option"),
        ("为什么不能用农业银行卡还花呗", "channel_unavailable"),
        ("京东白条不支持信用卡还款吗", "channel_unavailable"),
        ("还款日到了，花呗没有自动扣款", "declined"),
        ("借款当日不允许提前结清", "no_repay_option"),
        ("为什么不能提前还款", "no_repay_option"),
    ],
)
def test_plain_wordings_of_blocked_repayments_are_read_by_the_shipped_patterns(
    seed_set, message, symptom
):
    reading = decode(message, patterns=seed_set)
    assert (reading.symptom, reading.outcome, reading.source) == (symptom, "failed", "rule")


@pytest.mark.parametrize("question", ["借呗能不能提前还款", "花呗可不可以提前还款"])
def test_a_question_whether_one_can_repay_early_is_no_failure(seed_set, question):
    assert decode(question, patterns=seed_set).outcome == "no_match", question


def test_a_reminder_that_nothing_was_debited_yet_is_no_failure(seed_set):
    assert decode("本期账单尚未扣款，请确保还款卡余额充足", patterns=seed_set).outcome == "no_match"


@pytest.mark.parametrize(
    "question", ["花呗几点扣款", "借呗到期会不会自动扣款", "白条是从哪张卡扣款"]
)
def test_a_question_about_how_debits_work_is_no_sign_that_money_left(seed_set, question):
    # The stub reads every message as money taken; a question that reports nothing that
    # happened does not take its money sign, and what is left is below its threshold.
    reading = decode(question, patterns=seed_set, model=money_taken_unsure_of_problem())
    assert reading.outcome == "no_match", question


@pytest.mark.parametrize(
    "report", ["花呗几点扣款的？钱已经扣了，账单还是没变", "银行卡被扣了两次钱"]
)
def test_a_message_that_reports_a_debit_keeps_the_money_sign(seed_set, report):
    reading = decode(report, patterns=seed_set, model=money_taken_unsure_of_problem())
    assert reading.outcome == "deducted", report


@pytest.mark.parametrize("question", ["花呗会重复扣费吗", "用花呗先付款，会不会重复扣钱"])
def test_a_question_whether_a_debit_can_happen_twice_is_no_money_taken(seed_set, question):
    # "重复扣" is a shipped pattern's phrase; asked about, it did not happen.
    assert decode("余额宝花呗重复扣款", patterns=seed_set).outcome == "deducted"
    assert decode(question, patterns=seed_set).outcome == "no_match", question


@pytest.mark.parametrize("report", ["微信还信用卡支付失败退款要多久", "还款失败了多久能退回来"])
def test_a_question_that_reports_a_failure_keeps_the_money_sign(seed_set, report):
    reading = decode(report, patterns=seed_set, model=money_taken_unsure_of_problem())
    assert reading.may_have_left, report


@pytest.mark.parametrize(
    "message", ["我的花呗扣款成功", "系统扣款成功，还款成功！", "您已成功还款X元。"]
)
def test_a_plain_success_is_told_as_one_not_as_money_taken(seed_set, message):
    # The stub reads every message as money taken; a message that only says the payment
    # went through does not take that sign, and the person is told what it says.
    reading = decode(message, patterns=seed_set, model=money_taken_unsure_of_problem())
    assert (reading.outcome, reading.says_success) == ("no_match", True), message
    assert "成功" in reading.explanation and "别再付" in reading.next_step
    english = decode(message, patterns=seed_set, language="en")
    assert english.explanation.startswith("This message says the payment went through")


@pytest.mark.parametrize(
    "message",
    [
        "扣款成功，但账单仍显示未还",
        "已支付成功，请勿重复支付",
        "支付成功后查询显示支付失败",
        "还款成功了吗？",
    ],
)
def test_a_success_with_anything_more_keeps_the_money_sign(seed_set, message):
    reading = decode(message, patterns=seed_set, model=money_taken_unsure_of_problem())
    assert reading.may_have_left and not reading.says_success, message


@pytest.mark.parametrize(
    "question", ["借呗还清了为什么不让借了", "我的花呗之前逾期过但是已经还款了，还能使用吗"]
)
def test_a_question_whether_one_may_borrow_again_is_no_money_taken(seed_set, question):
    reading = decode(question, patterns=seed_set, model=money_taken_unsure_of_problem())
    assert not reading.may_have_left, question


@pytest.mark.parametrize(
    "message",
    [
        "支付未完成或已关闭，如已扣款请联系客服。",
        "付款失败！ 如已扣款，我们将在24小时内退回",
        "若微信已扣款，请勿重复充值，先刷新入账状态。",
        "如果您的银行卡已经被扣款，请稍后查询",
    ],
)
def test_a_debit_supposed_is_a_pending_result_not_money_taken(seed_set, message):
    # "已扣款" is a shipped pattern of money taken; "如已扣款" only supposes it, and the
    # stub's money sign is no more than that: the result is not known yet.
    assert decode("银行卡已扣款", patterns=seed_set).outcome == "deducted"
    for model in (None, money_taken_unsure_of_problem()):
        reading = decode(message, patterns=seed_set, model=model)
        assert (reading.outcome, reading.symptom) == ("unknown", "timeout"), message
        assert reading.may_have_left


@pytest.mark.parametrize(
    "message",
    ["如遇充值后银行已扣款，网站个人账户可用余额未增加，请联系客服", "若已扣款但账单仍显示未还"],
)
def test_a_supposed_debit_that_did_not_arrive_is_money_taken(seed_set, message):
    reading = decode(message, patterns=seed_set, model=money_taken_unsure_of_problem())
    assert (reading.outcome, reading.symptom) == ("deducted", "deducted_not_credited"), message


@pytest.mark.parametrize("message", ["花呗还款后又自动多扣了", "信用卡还款后发现被多扣钱怎么办"])
def test_an_over_debit_is_money_taken(seed_set, message):
    reading = decode(message, patterns=seed_set)
    assert (reading.outcome, reading.symptom) == ("deducted", "deducted_not_credited"), message
    assert "多扣" in reading.explanation


def money_taken_else_declined() -> StubReader:
    """Money taken; failing that, a plain decline."""
    return StubReader(
        problems=(("deducted_not_credited", 0.6), ("declined", 0.32), (NOT_FAILURE, 0.08)),
        outcome="deducted",
        money_share=0.7,
        because=("扣",),
        threshold=0.75,
    )


@pytest.mark.parametrize(
    "message",
    ["还款日到了怎么没扣款", "余额宝有钱但是借呗没有自动扣款", "付款已超时，您尚未被扣款。"],
)
def test_a_message_that_says_nothing_was_debited_is_no_money_taken(seed_set, message):
    # The stub reads money taken; the message rules it out, so the stub's next reading, a
    # decline, is read as sure as it is once money taken is ruled out (0.32 / 0.4 = 0.8).
    reading = decode(message, patterns=seed_set, model=money_taken_else_declined())
    assert not reading.may_have_left, message
    assert reading.symptom == "declined", message


@pytest.mark.parametrize("message", ["银行卡钱扣了花呗上面还是没有扣", "没扣款成功却又扣了一笔"])
def test_a_message_that_also_says_money_was_taken_keeps_the_money_sign(seed_set, message):
    reading = decode(message, patterns=seed_set, model=money_taken_else_declined())
    assert reading.outcome == "deducted", message


@pytest.mark.parametrize(
    "message", ["还款划扣中", "订单已经是支付中状态！", "上一笔扣款正在向银行确认", "付款尚未确认"]
)
def test_a_debit_in_progress_is_a_pending_result_not_money_taken(seed_set, message):
    reading = decode(message, patterns=seed_set, model=money_taken_unsure_of_problem())
    assert (reading.outcome, reading.symptom) == ("unknown", "timeout"), message


@pytest.mark.parametrize(
    "message", ["光大信用卡还款显示入账中", "还款中，银行卡里面钱已经扣了，但需还款没有变少"]
)
def test_money_taken_while_the_bill_is_being_credited_stays_money_taken(seed_set, message):
    reading = decode(message, patterns=seed_set, model=money_taken_unsure_of_problem())
    assert (reading.outcome, reading.symptom) == ("deducted", "deducted_not_credited"), message


def test_a_debit_in_progress_that_has_not_arrived_is_money_taken(seed_set):
    # "不到账" says the money has not arrived: it left, whatever is still "处理中".
    message = "支付系统充值不到账，要么显示处理中，要么支付成功订单里显示支付金额为0"
    reading = decode(message, patterns=seed_set, model=money_taken_unsure_of_problem())
    assert (reading.outcome, reading.symptom) == ("deducted", "deducted_not_credited")


@pytest.mark.parametrize(
    "message", ["订单还未支付，或者正在输入密码中 (1143)", "有还款中的订单，暂不允许提前结清"]
)
def test_a_payment_in_progress_that_nothing_says_failed_may_yet_take_the_money(seed_set, message):
    reading = decode(message, patterns=seed_set, model=torn_between_two_problems())
    assert reading.outcome == "unknown", message


@pytest.mark.parametrize(
    "message", ["银行正在进行日终处理，请稍后重试", "交易中止", "代扣中遇到问题，扣款失败"]
)
def test_maintenance_a_halt_or_a_stated_failure_is_no_payment_in_progress(seed_set, message):
    reading = decode(message, patterns=seed_set, model=torn_between_two_problems())
    assert reading.outcome == "failed", message


def test_an_order_paid_while_the_system_is_still_processing_is_money_taken(seed_set):
    message = "该订单已被支付，系统正在处理，请勿重复支付。"
    reading = decode(message, patterns=seed_set, model=money_taken_unsure_of_problem())
    assert reading.outcome == "deducted"


def test_a_cancelled_purchase_that_took_nothing_is_no_money_taken(seed_set):
    message = "本次购物已取消，未产生扣款"
    reading = decode(message, patterns=seed_set, model=money_taken_else_declined())
    assert not reading.may_have_left


def test_a_repayment_going_on_is_a_payment_in_progress(seed_set):
    reading = decode(
        "有一笔还款进行中，请稍后重试", patterns=seed_set, model=torn_between_two_problems()
    )
    assert reading.outcome == "unknown"


# --- What a message says happened (leave-source-out cross-validation, docs/decoder.md) -----


@pytest.mark.parametrize(
    "message",
    [
        "您的还款申请已受理，请稍后查看",
        "订单已提交，请稍等",
        "交易已跳转，等待持卡人输入",
        "通讯失败",
        "与发卡行联网暂断，请稍后查询",
        "实际还款时间以银行划扣时间为准",
    ],
)
@pytest.mark.parametrize("model", [None, sure_it_is_no_failure()], ids=["rules", "model"])
def test_a_result_awaited_is_a_pending_payment_never_unrecognised(seed_set, message, model):
    # Even a model sure it is no failure does not leave it unrecognised: the person is
    # told to check whether the money left before paying again.
    reading = decode(message, patterns=seed_set, model=model)
    assert (reading.outcome, reading.symptom) == ("unknown", "timeout"), message


def test_a_result_awaited_that_says_it_failed_is_a_failure(seed_set):
    reading = decode(
        "还款申请已提交，扣款失败", patterns=seed_set, model=torn_between_two_problems()
    )
    assert reading.outcome == "failed"


@pytest.mark.parametrize(
    "message",
    [
        "还款失败，款项已扣除，请联系客服",
        "花呗自动还款失败，钱去哪了",
        "借呗已经还了，为什么还有短信说我未还款",
    ],
)
def test_a_failure_that_says_the_money_left_is_money_taken(seed_set, message):
    # The stub is sure of a failure and of no money sign; the message says the money left.
    reading = decode(message, patterns=seed_set, model=torn_between_two_problems())
    assert reading.outcome == "deducted", message


def test_a_debit_only_thought_possible_is_not_money_taken(seed_set):
    message = "支付结果未知，有可能已经支付成功，请先查询"
    reading = decode(message, patterns=seed_set, model=torn_between_two_problems())
    assert reading.outcome == "unknown"


@pytest.mark.parametrize(
    "message", ["缴费成功，但充值失败", "支付成功，会员未开通", "扣费成功但未销账"]
)
def test_a_success_followed_by_a_failure_is_money_taken(seed_set, message):
    reading = decode(message, patterns=seed_set, model=sure_it_is_no_failure())
    assert (reading.outcome, reading.symptom) == ("deducted", "deducted_not_credited"), message


@pytest.mark.parametrize(
    "message",
    [
        "上周就还上了白条，为什么今天还在催收",
        "天星金融扣了我的钱，账单数字没变",
        "银行卡扣了钱但是分期还款失败",
        "还花呗之后卡里钱少了",
    ],
)
def test_money_the_bill_does_not_show_is_money_taken_when_nothing_else_reads_it(seed_set, message):
    # The stub is sure it is no failure: the words still say the money left and the bill
    # does not show it.
    reading = decode(message, patterns=seed_set, model=sure_it_is_no_failure())
    assert (reading.outcome, reading.symptom) == ("deducted", "deducted_not_credited"), message


@pytest.mark.parametrize(
    "message", ["今天扣了我88元", "还款日没扣我的钱，账单也没变", "如已扣款但还款失败，请联系客服"]
)
def test_a_debit_alone_or_one_denied_or_supposed_is_not_money_taken_from_the_words(
    seed_set, message
):
    # A charge someone asks about (no failure, no bill left unpaid), a debit that did not
    # happen, one only supposed: the words alone do not make it money taken.
    reading = decode(message, patterns=seed_set, model=sure_it_is_no_failure())
    assert reading.outcome != "deducted", message


def money_minded() -> StubReader:
    """Leaning to money taken for every message, as the learned part does for a consumer's
    words about a repayment, with a plain decline next."""
    return StubReader(
        problems=(("deducted_not_credited", 0.45), ("declined", 0.35), (NOT_FAILURE, 0.2)),
        outcome="deducted",
        money_share=0.6,
        because=("还款",),
    )


@pytest.mark.parametrize(
    "message", ["你的还款没有成功，请换一张卡再试", "花呗扣款不成功", "借呗还款未成功怎么办"]
)
def test_a_failure_with_no_sign_that_money_left_is_not_money_taken_on_the_models_word(
    seed_set, message
):
    reading = decode(message, patterns=seed_set, model=money_minded())
    assert reading.outcome == "failed", message
    assert reading.symptom != "deducted_not_credited", message


@pytest.mark.parametrize(
    "message",
    [
        "银行扣款了但是花呗还款没成功",
        "支付失败，但是钱已经没了",
        "已经支付了，却显示支付失败",
        "礼品卡激活成功，但充值失败",
        "还款失败，卡里少了50元",
        "支付失败，款项将原路退回",
    ],
)
def test_a_failure_beside_any_sign_that_money_left_stays_money_taken(seed_set, message):
    reading = decode(message, patterns=seed_set, model=money_minded())
    assert reading.outcome == "deducted", message


def result_unsure() -> StubReader:
    """Leaning to a result not known for every message, a plain decline next."""
    return StubReader(
        problems=(("declined", 0.5), ("timeout", 0.3), (NOT_FAILURE, 0.2)),
        outcome="unknown",
        money_share=0.4,
        because=("支付",),
    )


@pytest.mark.parametrize("message", ["支付失败，请稍候重试", "你的还款未成功，请换一张卡再试"])
def test_a_failure_with_nothing_left_open_is_a_failure_not_a_result_to_come(seed_set, message):
    assert decode(message, patterns=seed_set, model=result_unsure()).outcome == "failed", message


@pytest.mark.parametrize(
    "message",
    [
        "交易重复,交易失败",
        "网络连接失败，请稍后重试",
        "支付失败，结果未知，请勿重复支付",
        "暂未查询到支付结果，若未成功，可继续完成支付",
    ],
)
def test_a_failure_that_leaves_the_result_open_stays_a_result_not_known(seed_set, message):
    assert decode(message, patterns=seed_set, model=result_unsure()).outcome != "failed", message


@pytest.mark.parametrize("message", ["本期已缴费，请勿重复缴费", "该期已经还款,无需再还"])
def test_a_payment_made_already_met_while_paying_again_is_money_taken(seed_set, message):
    reading = decode(message, patterns=seed_set, model=money_taken_unsure_of_problem())
    assert reading.outcome == "deducted", message


@pytest.mark.parametrize(
    "message, symptom",
    [
        ("小米分期怎么不可以提前还了", "no_repay_option"),
        ("白条账单页没有还款按钮", "no_repay_option"),
        ("天星金融里还不了款，点了没反应", "no_repay_option"),
        ("为啥招行的卡不能还花呗", "channel_unavailable"),
    ],
)
def test_a_repayment_said_to_be_impossible_is_no_way_to_repay_or_its_channel(
    seed_set, message, symptom
):
    # The stub is sure it is no failure: the words still say the repayment cannot be made.
    reading = decode(message, patterns=seed_set, model=sure_it_is_no_failure())
    assert (reading.symptom, reading.outcome) == (symptom, "failed"), message


def test_a_reading_a_rule_on_the_words_decided_says_which_rule_not_model(seed_set):
    from wizard.triage.teaching_admin import decided_by

    # No phrase pattern matches it (one that did would lead, and be named by its number).
    message = "小米分期怎么不可以提前还了"
    reading = decode(message, patterns=seed_set, model=sure_it_is_no_failure())
    assert (reading.source, reading.pattern, reading.because) == ("rule", None, ("说还不了款",))
    assert decided_by(reading) == "字词规则:说还不了款"


@pytest.mark.parametrize(
    "message",
    ["花呗可不可以提前还款", "截止今天您还没有还款，请尽快处理", "这个月的钱还不上了怎么办"],
)
def test_a_question_a_reminder_or_money_short_is_no_repayment_made_impossible(seed_set, message):
    reading = decode(message, patterns=seed_set, model=sure_it_is_no_failure())
    assert reading.symptom not in ("no_repay_option", "channel_unavailable"), message


@pytest.mark.parametrize(
    "question",
    ["余额不足会影响自动扣款吗", "银行卡钱不够，花呗还能自动扣钱吗？", "提前还款有次数限制吗"],
)
def test_a_question_what_would_happen_is_no_failure(seed_set, question):
    # The stub is sure every message is a failure; a question that reports nothing is not.
    reading = decode(question, patterns=seed_set, model=torn_between_two_problems())
    assert reading.outcome == "no_match", question


@pytest.mark.parametrize(
    "message", ["不支持邮政储蓄卡还款吗", "我的卡被冻结了，还能用微信还吗", "还款失败会影响征信吗"]
)
def test_a_question_that_names_trouble_or_reports_it_stays_a_failure(seed_set, message):
    reading = decode(message, patterns=seed_set, model=torn_between_two_problems())
    assert reading.outcome != "no_match", message


@pytest.mark.parametrize(
    "message",
    [
        "您有借款正在放款中，请稍后",
        "很抱歉，审核失败，您暂时无法借款",
        "验证码 4821，您正在绑定银行卡，请勿泄露验证码。",
    ],
)
def test_a_loan_decision_or_a_verification_code_is_no_failure(seed_set, message):
    reading = decode(message, patterns=seed_set, model=torn_between_two_problems())
    assert (reading.outcome, reading.says_success) == ("no_match", False), message


@pytest.mark.parametrize(
    "message",
    [
        "交易提醒 交易时间：10月11日 11:30 交易金额：RMB14.16",
        "您尾号1234卡10月14日网上银行支出(无卡支付)4.78元，余额3.46元。【某银行】",
    ],
)
def test_a_receipt_of_a_transaction_done_is_told_as_a_success(seed_set, message):
    reading = decode(message, patterns=seed_set, model=torn_between_two_problems())
    assert (reading.outcome, reading.says_success) == ("no_match", True), message


@pytest.mark.parametrize(
    "message",
    ["借款已到账，本期还款失败，请补足余额", "交易金额：100.00元，交易失败，余额不足"],
)
def test_a_repayment_or_a_trouble_beside_a_loan_or_a_receipt_stays_a_failure(seed_set, message):
    reading = decode(message, patterns=seed_set, model=torn_between_two_problems())
    assert reading.outcome != "no_match", message


# --- Leave-source-out folds (evaluation.source_folds) ---------------------------------------


def test_a_source_is_a_code_file_a_repository_or_a_web_address():
    assert source_key("public code file id 123 in the search tool's code index (x)") == "file:123"
    assert source_key("github:Owner/Repo/src/a.py@abc") == "repo:owner/repo"
    assert source_key("github:Owner/Repo:data/b.csv@abc") == "repo:owner/repo"
    assert source_key("https://example.com/q/1?x=2 (a page)") == "web:example.com/q/1"
    assert source_key("a consumer's post") == "text:a consumer's post"


def test_folds_keep_each_source_and_each_group_whole_and_are_the_same_every_time():
    records = [
        {"text": f"m{i}", "source": f"public code file id {i % 5}", "group": f"g{i}"}
        for i in range(40)
    ]
    # A group that spans two sources joins them.
    records[0]["group"] = records[1]["group"] = "shared"
    folds = source_folds(records, 3)
    assert sorted(i for fold in folds for i in fold) == list(range(40))
    fold_of = {i: n for n, fold in enumerate(folds) for i in fold}
    for i, record in enumerate(records):
        for j, other in enumerate(records):
            if record["source"] == other["source"] or record["group"] == other["group"]:
                assert fold_of[i] == fold_of[j]
    assert folds == source_folds(records, 3)


def test_pooled_reports_sum_every_count(seed_set):
    items = [
        Item("可用余额不足", ("insufficient_funds",), "failed"),
        Item("还款成功", (), "no_match"),
    ]
    one = evaluate(items, lambda item: decode(item.text, patterns=seed_set))
    both = pooled([one, one])
    assert (both.total, both.failures, both.right_problem) == (4, 2, 2 * one.right_problem)
    assert both.by_outcome["failed"]["total"] == 2
    assert len(both.misses) == 2 * len(one.misses)
