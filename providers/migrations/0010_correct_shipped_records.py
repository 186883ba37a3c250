"""Correct the shipped provider records from the fact sheet, fact by fact, where untouched.

The records the project shipped before (providers/seed/providers.json as it was) are
corrected to what public sources say, each fact with its own source, quote, certainty and
date (docs: README "Provider facts and how far to trust them"). A fact is corrected only
while it still holds exactly the shipped values and the shipped source: what staff changed
in the admin is kept as they left it. Frozen here: a migration gives the same result
whatever the seed file says later.
"""

import datetime as dt
from decimal import Decimal

from django.db import migrations

SHIPPED = {'huabei': {'old_source': '核对方式:与下列公开网页逐项比对;除客服电话外,均非机构官方页面,故其余信息标为待核实。\n'
                          'https://129a.com/flrd/43919.html\n'
                          'https://news.czt.cc/jxuwd/202510/856849.html\n'
                          'https://caijing.hongyunlai.com.cn/zhishi/68518.html\n'
                          'http://www.gu12345.com/thread/9117.html',
            'old': {'hotline': {'hotline': '95188', 'hotline_alt': ''},
                    'due_cutoff': {'due_cutoff': '23:59'},
                    'grace': {'grace_days': 0, 'grace_ends_at': None},
                    'late_fee': {'late_fee_zh': '公开资料称:逾期后每天按逾期金额的万分之五收取逾期费。',
                                 'late_fee_en': 'Public sources say: an overdue fee of 0.05% '
                                                'of the overdue amount per day.'},
                    'autopay': {'autopay_available': True,
                                'autopay_how_zh': '在支付宝 App → 我的 → 花呗 → 自动还款 '
                                                  '中开启,并在“扣款顺序”里确认先扣哪个账户。',
                                'autopay_how_en': 'Turn it on in Alipay → Me → Huabei → Auto '
                                                  'repayment, and check the payment order in '
                                                  'settings.'},
                    'repay_path': {'repay_path_zh': '支付宝 App → 我的 → 花呗 → 还款',
                                   'repay_path_en': 'Alipay app → Me → Huabei → Repay'}},
            'new': {'hotline': {'hotline': '95188',
                                'hotline_label_zh': '支付宝客服热线',
                                'hotline_label_en': 'Alipay customer service',
                                'hotline_alt': '',
                                'hotline_alt_label_zh': '',
                                'hotline_alt_label_en': '',
                                'hotline_alt2': '',
                                'hotline_alt2_label_zh': '',
                                'hotline_alt2_label_en': '',
                                'hotline_certainty': 'weak',
                                'hotline_source': 'https://github.com/metowolf/vCards '
                                                  '(data/电商购物/支付宝.yaml, commit b1a346c3) ; '
                                                  'code index id 9675316649 (Alipay-style '
                                                  'error strings, repository not named)',
                                'hotline_quote': 'vCards: `organization: 支付宝 … - 95188`; code: '
                                                 '"请拨打客服电话95188咨询处理"',
                                'hotline_checked_on': '2026-12-01',
                                'hotline_note': 'W+ in the sheet: two independent weak sources '
                                                'agree; still weak.'},
                    'due_cutoff': {'due_cutoff': '23:59',
                                   'due_cutoff_certainty': 'none',
                                   'due_cutoff_source': '',
                                   'due_cutoff_quote': '',
                                   'due_cutoff_checked_on': '2026-12-01',
                                   'due_cutoff_note': "Today's stored value, unsourced: no "
                                                      'source names any time on the due date. '
                                                      'An earlier planning time would be safer '
                                                      "for the 'pay now' advice, but it would "
                                                      'call an on-time payment late with no '
                                                      "source for it (issue 13's 22:10 case). "
                                                      'Proposed: plan status with 23:59, say '
                                                      'the time is unconfirmed, and tell '
                                                      'people to pay today as early as they '
                                                      'can.'},
                    'grace': {'grace_days': 0,
                              'grace_ends_at': None,
                              'grace_needs_request': False,
                              'grace_request_how_zh': '',
                              'grace_request_how_en': '',
                              'grace_uses_per_year': None,
                              'grace_tolerance_yuan': None,
                              'grace_certainty': 'none',
                              'grace_source': '',
                              'grace_quote': '',
                              'grace_checked_on': '2026-12-01',
                              'grace_note': 'No source for or against a grace period; 0 is '
                                            "today's stored value, unsourced. Huabei is not "
                                            'covered by the bank-card 容时容差 convention (§2.4). '
                                            "Show 'no grace period known', not 'no grace "
                                            "period'."},
                    'late_fee': {'late_fee_zh': '公开资料称:逾期后每天按未还金额的万分之五计逾期利息。这是网上说法,以你的花呗合同为准。',
                                 'late_fee_en': 'Public sources say: overdue interest of 0.05% '
                                                'of the unpaid amount per day. Your Huabei '
                                                'contract decides.',
                                 'late_fee_certainty': 'weak',
                                 'late_fee_source': 'https://en.4hw.com.cn/646/28659.html ; '
                                                    'https://m.php.cn/faq/729780.html (dated '
                                                    '2024-03-30)',
                                 'late_fee_quote': '"interest will be charged on a daily basis '
                                                   'at 0.05% of the current outstanding '
                                                   'amount"; "0.05% of the outstanding amount '
                                                   '× the number of overdue days"',
                                 'late_fee_checked_on': '2026-12-01',
                                 'late_fee_note': 'W+ (SEO pages only). This is the rate '
                                                  'reported for Huabei itself, not the '
                                                  'bank-card interest cap removed on '
                                                  '2021-01-01. No Ant/Alipay contract text was '
                                                  'found.'},
                    'autopay': {'autopay_available': True,
                                'autopay_how_zh': '花呗可以从余额、余额宝等自动扣款。打开支付宝里的花呗,看自动还款是否开启、先扣哪个账户。',
                                'autopay_how_en': 'Huabei can take the payment automatically '
                                                  "from your balance or Yu'e Bao. Open Huabei "
                                                  'in Alipay to check that it is on and which '
                                                  'account is charged first.',
                                'autopay_certainty': 'weak',
                                'autopay_source': 'https://huggingface.co/datasets/clue/viewer/afqmc/train?p=1',
                                'autopay_quote': '开通余额宝代扣功能还款蚂蚁花呗',
                                'autopay_checked_on': '2026-12-01',
                                'autopay_note': 'Indirect only: user questions in the AFQMC '
                                                "dataset. Today's stored menu path (我的 → 花呗 → "
                                                '自动还款, 扣款顺序) is unsourced and not kept.'},
                    'repay_path': {'repay_path_zh': '支付宝 App → 我的 → 花呗 → 还款',
                                   'repay_path_en': 'Alipay app → Me → Huabei → Repay',
                                   'repay_path_certainty': 'none',
                                   'repay_path_source': '',
                                   'repay_path_quote': '',
                                   'repay_path_checked_on': '2026-12-01',
                                   'repay_path_note': 'No in-app path in the fact sheet; this '
                                                      "is today's stored path, unsourced."}},
            'tiers': []},
 'xiaomi-finance': {'old_source': '核对方式:与下列公开网页逐项比对;除客服电话外,均非机构官方页面,故其余信息标为待核实。400-100-5678 '
                                  '为小米公司客服电话;400-100-3399 仅见于一篇第三方网页。\n'
                                  'https://nctoro.com/a736359\n'
                                  'http://snsyx.com/downinfo/187800.html\n'
                                  'https://www.163.com/money/article/K9QQ6N1P00258105.html',
                    'old': {'hotline': {'hotline': '400-100-5678',
                                        'hotline_alt': '400-100-3399'},
                            'due_cutoff': {'due_cutoff': '23:59'},
                            'grace': {'grace_days': 0, 'grace_ends_at': None},
                            'late_fee': {'late_fee_zh': '公开资料称:逾期部分按合同利率上浮 50% 计收罚息。',
                                         'late_fee_en': 'Public sources say: overdue amounts '
                                                        'carry penalty interest at the '
                                                        'contract rate plus 50%.'},
                            'autopay': {'autopay_available': True,
                                        'autopay_how_zh': '还款日会自动从绑定的银行卡扣款;在 App '
                                                          '的银行卡设置里确认绑定的卡。',
                                        'autopay_how_en': 'The linked bank card is charged '
                                                          'automatically on the due date; '
                                                          'check which card is linked in the '
                                                          "app's card settings."},
                            'repay_path': {'repay_path_zh': '天星金融 App → 首页 → 去还款',
                                           'repay_path_en': 'Airstar (Tianxing) Finance app → '
                                                            'Home → Repay'}},
                    'new': {'hotline': {'hotline': '400-100-3399',
                                        'hotline_label_zh': '天星金融热线(贷款、保险、理财、钱包)',
                                        'hotline_label_en': 'Airstar (Tianxing) Finance line '
                                                            '(loans, insurance, wealth, '
                                                            'wallet)',
                                        'hotline_alt': '',
                                        'hotline_alt_label_zh': '',
                                        'hotline_alt_label_en': '',
                                        'hotline_alt2': '',
                                        'hotline_alt2_label_zh': '',
                                        'hotline_alt2_label_en': '',
                                        'hotline_certainty': 'weak',
                                        'hotline_source': 'code index id 57075684414 '
                                                          '(decompiled Xiaomi Mibi SDK, '
                                                          'com.mibi.sdk.common.Utils; '
                                                          'repository not named) ; '
                                                          'https://nctoro.com/a736359 '
                                                          '(2026-02-15) ; code index id '
                                                          "22898053687 (C# clone of mi.com's "
                                                          'service page)',
                                        'hotline_quote': '`sServiceNumber = "400-100-3399"`; '
                                                         '"其面向个人信贷业务(原"小米贷款")的客户服务热线是400-100-3399"; '
                                                         'clone: "天星金融热线 400-100-3399 '
                                                         '贷款、保险、理财、钱包 服务时间：9:00-19:00"',
                                        'hotline_checked_on': '2026-12-01',
                                        'hotline_note': 'W+ (the SDK is vendor code, but '
                                                        'reached through a third-party repo). '
                                                        'Hours per the clone: 9:00–19:00. '
                                                        '400-100-5678 is DROPPED: it is '
                                                        "Xiaomi's after-sales line for phones, "
                                                        'TV boxes and smart hardware (clone: '
                                                        '"小米售后服务热线 400-100-5678 手机、电视盒子、智能硬件等 '
                                                        '8:00-18:00"; vCards data/互联网/小米.yaml '
                                                        'lists 4001005678 as 小米). It cannot '
                                                        "help with a loan, and today's model "
                                                        'would show any second number as an '
                                                        'unlabelled 备用客服电话.'},
                            'due_cutoff': {'due_cutoff': '23:59',
                                           'due_cutoff_certainty': 'none',
                                           'due_cutoff_source': '',
                                           'due_cutoff_quote': '',
                                           'due_cutoff_checked_on': '2026-12-01',
                                           'due_cutoff_note': "Today's stored value, "
                                                              'unsourced: no source names any '
                                                              'time on the due date. An '
                                                              'earlier planning time would be '
                                                              "safer for the 'pay now' advice, "
                                                              'but it would call an on-time '
                                                              'payment late with no source for '
                                                              "it (issue 13's 22:10 case). "
                                                              'Proposed: plan status with '
                                                              '23:59, say the time is '
                                                              'unconfirmed, and tell people to '
                                                              'pay today as early as they '
                                                              'can.'},
                            'grace': {'grace_days': 0,
                                      'grace_ends_at': None,
                                      'grace_needs_request': False,
                                      'grace_request_how_zh': '',
                                      'grace_request_how_en': '',
                                      'grace_uses_per_year': None,
                                      'grace_tolerance_yuan': None,
                                      'grace_certainty': 'weak',
                                      'grace_source': 'http://4idols.com/PublicInterestSMS/ifwvjxkffy.html',
                                      'grace_quote': '"the system will have a 3-day grace '
                                                     'period for repayment … not considered '
                                                     'overdue and no penalty interest"',
                                      'grace_checked_on': '2026-12-01',
                                      'grace_note': 'The only source (weak, single, about '
                                                    '小米贷款, a cash loan, not necessarily 分期) '
                                                    "claims a 3-day grace; today's record says "
                                                    '0 with no source. The safer value, 0 '
                                                    "days, is used. Do not show 0 as 'no grace "
                                                    "period': it is unverified either way (§3 "
                                                    'item 3). Not covered by the bank-card '
                                                    'convention (§2.4).'},
                            'late_fee': {'late_fee_zh': '公开资料称:小米贷款逾期按合同利率的 1.5 '
                                                        '倍收罚息。这说的是现金贷款,小米分期不一定一样。以你的合同为准。',
                                         'late_fee_en': 'Public sources say: late amounts on '
                                                        'Xiaomi Loan (a cash loan) carry '
                                                        'penalty interest at 1.5 times the '
                                                        'contract rate. Installments may '
                                                        'differ. Your contract decides.',
                                         'late_fee_certainty': 'weak',
                                         'late_fee_source': 'https://m.tftnews.com/news7903145',
                                         'late_fee_quote': '"都要收取罰息,按原利息的1.5倍收取,也就是每天0.075%"',
                                         'late_fee_checked_on': '2026-12-01',
                                         'late_fee_note': 'Single weak source about the 小米贷款 '
                                                          'cash loan (repayment day the 10th); '
                                                          '分期 may differ. The 0.075%/day '
                                                          'example assumes a 0.05%/day '
                                                          'contract rate and is not shown.'},
                            'autopay': {'autopay_available': True,
                                        'autopay_how_zh': '忘了还款时,还款日会从绑定的银行卡自动扣款。在 App '
                                                          '里查清绑的是哪张卡,提前存够钱。',
                                        'autopay_how_en': 'If you have not paid, the linked '
                                                          'bank card is charged on the due '
                                                          'date. Check in the app which card '
                                                          'is linked and put the money in '
                                                          'beforehand.',
                                        'autopay_certainty': 'weak',
                                        'autopay_source': 'http://m.xmstmy.cn/content/1800212.html',
                                        'autopay_quote': '"如果忘记还款,會在還款日主動從您的銀行卡扣款"',
                                        'autopay_checked_on': '2026-12-01',
                                        'autopay_note': ''},
                            'repay_path': {'repay_path_zh': '随星借(原小米贷款):打开 App → 首页 → '
                                                            '去还款。小米分期:在天星金融(原小米金融)App '
                                                            '里选“主动还款”。',
                                           'repay_path_en': 'Suixingjie (formerly Xiaomi '
                                                            'Loan): open the app → Home → '
                                                            'Repay. Xiaomi installments: '
                                                            'choose 主动还款 (repay now) in the '
                                                            'Airstar/Tianxing Finance app '
                                                            '(formerly Xiaomi Finance).',
                                           'repay_path_certainty': 'weak',
                                           'repay_path_source': 'http://bjnipponpaint.com.cn/daikuan/82930.html '
                                                                '; '
                                                                'http://m.xmstmy.cn/content/1800212.html',
                                           'repay_path_quote': '"打开【随星借】A【首页】→【去还款】→【提前还款】"',
                                           'repay_path_checked_on': '2026-12-01',
                                           'repay_path_note': '【提前还款】 (early repayment) is '
                                                              'left out. The rename 小米金融 → '
                                                              '天星金融 is from escalation.md §4 '
                                                              "(secondary). Today's stored "
                                                              'path (天星金融 App → 首页 → 去还款) is '
                                                              'close but not what the source '
                                                              'says.'}},
                    'tiers': []},
 'jd-baitiao': {'old_source': '核对方式:与下列公开网页逐项比对;除客服电话外,均非机构官方页面,故其余信息标为待核实。\n'
                              'https://php.sqjnqi.com/faq/1612595.html\n'
                              'https://w.sf024.com/info/919553862773811019.html\n'
                              'http://huanqiuchuanmeiww.lygmedia.com/huanqiuchuanmeiww/20230602/02213531.html',
                'old': {'hotline': {'hotline': '95118', 'hotline_alt': ''},
                        'due_cutoff': {'due_cutoff': '23:59'},
                        'grace': {'grace_days': 0, 'grace_ends_at': None},
                        'late_fee': {'late_fee_zh': '公开资料称:未全额还款每天收取万分之五的服务费,未还最低还款额另收违约金。',
                                     'late_fee_en': 'Public sources say: a 0.05% daily service '
                                                    'fee if the bill is not paid in full, and '
                                                    'a further penalty if the minimum is not '
                                                    'paid.'},
                        'autopay': {'autopay_available': True,
                                    'autopay_how_zh': '在京东 App → 我的 → 白条 → 还款 → 自动还款 中开启。',
                                    'autopay_how_en': 'Turn it on in JD app → Me → Baitiao → '
                                                      'Repay → Auto repayment.'},
                        'repay_path': {'repay_path_zh': '京东金融 App → 白条 → 本月账单 → 还款(或 京东 App → '
                                                        '我的 → 白条 → 还款)',
                                       'repay_path_en': 'JD Finance app → Baitiao → This '
                                                        "month's bill → Repay (or JD app → Me "
                                                        '→ Baitiao → Repay)'}},
                'new': {'hotline': {'hotline': '95118',
                                    'hotline_label_zh': '京东客服热线',
                                    'hotline_label_en': 'JD customer service',
                                    'hotline_alt': '',
                                    'hotline_alt_label_zh': '',
                                    'hotline_alt_label_en': '',
                                    'hotline_alt2': '',
                                    'hotline_alt2_label_zh': '',
                                    'hotline_alt2_label_en': '',
                                    'hotline_certainty': 'weak',
                                    'hotline_source': 'https://github.com/metowolf/vCards '
                                                      '(data/电商购物/京东.yaml, commit b1a346c3) ; '
                                                      'https://lvshizhishi.com/xingshiwenda/dvnxay0k2c.html',
                                    'hotline_quote': 'vCards: `- 95118 - 950618 - 4006562211`',
                                    'hotline_checked_on': '2026-12-01',
                                    'hotline_note': "W+. 950618 (JD's retail line; the sheet "
                                                    'says it could be a fallback) is NOT kept: '
                                                    "the model's hotline validator rejects "
                                                    '6-digit numbers, and it is a shopping '
                                                    "line, not Baitiao's. The old 京东金融客服 400 "
                                                    '622 7186 (code index id 5962486057) is '
                                                    'obsolete and not kept.'},
                        'due_cutoff': {'due_cutoff': '23:59',
                                       'due_cutoff_certainty': 'none',
                                       'due_cutoff_source': '',
                                       'due_cutoff_quote': '',
                                       'due_cutoff_checked_on': '2026-12-01',
                                       'due_cutoff_note': "Today's stored value, unsourced: no "
                                                          'source names any time on the due '
                                                          'date. An earlier planning time '
                                                          "would be safer for the 'pay now' "
                                                          'advice, but it would call an '
                                                          'on-time payment late with no source '
                                                          "for it (issue 13's 22:10 case). "
                                                          'Proposed: plan status with 23:59, '
                                                          'say the time is unconfirmed, and '
                                                          'tell people to pay today as early '
                                                          'as they can. One page gives 24:00 '
                                                          "for JD's credit-card-repayment "
                                                          'service, a different product; not '
                                                          'used.'},
                        'grace': {'grace_days': 0,
                                  'grace_ends_at': None,
                                  'grace_needs_request': False,
                                  'grace_request_how_zh': '',
                                  'grace_request_how_en': '',
                                  'grace_uses_per_year': None,
                                  'grace_tolerance_yuan': None,
                                  'grace_certainty': 'none',
                                  'grace_source': '',
                                  'grace_quote': '',
                                  'grace_checked_on': '2026-12-01',
                                  'grace_note': "No source; 0 is today's stored value, "
                                                'unsourced. Not covered by the bank-card '
                                                "convention (§2.4). Show 'no grace period "
                                                "known', not 'no grace period'."},
                        'late_fee': {'late_fee_zh': '公开资料称:逾期按未还金额和逾期天数收违约金,每天的费率说法不一(万分之三或万分之五)。以你的白条协议为准。',
                                     'late_fee_en': 'Public sources say: a penalty on the '
                                                    'unpaid amount for each day late; the '
                                                    'daily rate is reported as 0.03% or 0.05%. '
                                                    'Your Baitiao agreement decides.',
                                     'late_fee_certainty': 'weak',
                                     'late_fee_source': 'http://lnmlw.com/Loanintermediary/ppuoxdcdbb.html '
                                                        '; '
                                                        'http://lnmlw.com/Bankloan/wjvkkvfmro.html '
                                                        '; '
                                                        'https://wodezhubaowang.com/Weddingcompany/avalrprvsc.html',
                                     'late_fee_quote': '"total liquidated damages = total '
                                                       'unpaid amount × liquidated damages '
                                                       'rate × days of default"',
                                     'late_fee_checked_on': '2026-12-01',
                                     'late_fee_note': 'Rate conflicts: 0.03%/day (lnmlw) vs '
                                                      "0.05%/day (wodezhubaowang). Today's "
                                                      'stored text (万分之五 service fee + a '
                                                      'further penalty below the minimum) is '
                                                      'not supported by the sheet and is '
                                                      'replaced.'},
                        'autopay': {'autopay_available': True,
                                    'autopay_how_zh': '在白条页面的 我的 → 自动还款 '
                                                      '里开启或关闭。扣款可能在还款日前一天,提前一天存够钱。',
                                    'autopay_how_en': 'Turn it on or off on the Baitiao page '
                                                      'under Me → Auto repayment. The charge '
                                                      'may come the day before the due date, '
                                                      'so have the money in a day early.',
                                    'autopay_certainty': 'weak',
                                    'autopay_source': 'http://m.372181.com/baike/108211.html ; '
                                                      'https://7177.cn/forum.php?action=printable&mod=viewthread&tid=255678',
                                    'autopay_quote': '"到了還款日當天,系統會自動發起扣款" vs '
                                                     '"會在還款日的前一天對已出賬還款自動扣款"',
                                    'autopay_checked_on': '2026-12-01',
                                    'autopay_note': 'Sources disagree on the debit day (due '
                                                    'date vs the day before); the text tells '
                                                    'people to be ready a day early.'},
                        'repay_path': {'repay_path_zh': '京东金融 App → 首页白条 → 白条可用额度 → 当月账单 → '
                                                        '一次性还款。',
                                       'repay_path_en': 'JD Finance app → Baitiao on the home '
                                                        'page → available credit → this '
                                                        "month's bill → pay in full.",
                                       'repay_path_certainty': 'weak',
                                       'repay_path_source': 'https://wodefinance.com/Creditcardoverdue/yrqsxmfhfw.html',
                                       'repay_path_quote': '"jingdong financial APP home '
                                                           'page-white note-white note '
                                                           'available amount -X monthly '
                                                           'bill-one-time payment"',
                                       'repay_path_checked_on': '2026-12-01',
                                       'repay_path_note': "Machine-translated page. Today's "
                                                          'stored alternative (京东 App → 我的 → '
                                                          '白条 → 还款) is unsourced and not '
                                                          'kept.'}},
                'tiers': []},
 'icbc': {'old_source': '核对方式:与下列公开网页逐项比对;除客服电话外,均非机构官方页面,故其余信息标为待核实。\n'
                        '公开资料对工行是否有宽限期说法不一。\n'
                        'http://www.suzhouguqin.com/content/1077671.html\n'
                        'https://942fx.com/bank/21615.html',
          'old': {'hotline': {'hotline': '95588', 'hotline_alt': ''},
                  'due_cutoff': {'due_cutoff': '20:00'},
                  'grace': {'grace_days': 0, 'grace_ends_at': None},
                  'late_fee': {'late_fee_zh': '公开资料称:违约金为未还最低还款额的 5%,另计利息。',
                               'late_fee_en': 'Public sources say: a late fee of 5% of the '
                                              'unpaid minimum payment, plus interest.'},
                  'autopay': {'autopay_available': True,
                              'autopay_how_zh': '在工银e生活 App → 金融 → 自动还款 中签约。',
                              'autopay_how_en': 'Sign up in the ICBC e-Life app → Finance → '
                                                'Auto repayment.'},
                  'repay_path': {'repay_path_zh': '中国工商银行 App → 信用卡 → 我要还款',
                                 'repay_path_en': 'ICBC app → Credit card → Repay'}},
          'new': {'hotline': {'hotline': '95588',
                              'hotline_label_zh': '工商银行客服热线',
                              'hotline_label_en': 'ICBC customer service',
                              'hotline_alt': '',
                              'hotline_alt_label_zh': '',
                              'hotline_alt_label_en': '',
                              'hotline_alt2': '',
                              'hotline_alt2_label_zh': '',
                              'hotline_alt2_label_en': '',
                              'hotline_certainty': 'weak',
                              'hotline_source': 'https://github.com/metowolf/vCards '
                                                '(data/金融银行/中国工商银行.yaml, commit b1a346c3)',
                              'hotline_quote': '`- 95588`',
                              'hotline_checked_on': '2026-12-01',
                              'hotline_note': 'W+ (also in several code lists).'},
                  'due_cutoff': {'due_cutoff': '20:00',
                                 'due_cutoff_certainty': 'none',
                                 'due_cutoff_source': '',
                                 'due_cutoff_quote': '',
                                 'due_cutoff_checked_on': '2026-12-01',
                                 'due_cutoff_note': "Today's stored 20:00 is unsourced: "
                                                    'nothing found for cards (§3 item 14). One '
                                                    'page says 22:00, but about ICBC loans '
                                                    '(PCM2003); not used. Proposed planning '
                                                    'value: keep 20:00 — the earlier of the '
                                                    'two times seen.'},
                  'grace': {'grace_days': 0,
                            'grace_ends_at': None,
                            'grace_needs_request': False,
                            'grace_request_how_zh': '',
                            'grace_request_how_en': '',
                            'grace_uses_per_year': None,
                            'grace_tolerance_yuan': None,
                            'grace_certainty': 'weak',
                            'grace_source': 'https://wodefinance.com/Creditcardoverdue/cdhusloqzj.html '
                                            '; '
                                            'https://wodefinance.com/Creditcardoverdue/koyvitokyo.html '
                                            '; '
                                            'https://wodefinance.com/Creditcardoverdue/qrqurhpgsz.html',
                            'grace_quote': '"the grace period of ICBC credit card repayment is '
                                           '0 days" vs "Some credit cards of ICBC support a '
                                           '3-day repayment grace period"',
                            'grace_checked_on': '2026-12-01',
                            'grace_note': 'Sources disagree: 0 days (no 容时) vs 3 days for some '
                                          'card products (奋斗卡, 宇宙星座卡, 小黄人卡, 生肖卡), with a '
                                          '10-yuan 容差. The safer value, 0 days and no '
                                          "tolerance, is used. Do not state 'no grace' as fact "
                                          '(§3 item 9). The product-specific 3 days are not '
                                          'tiers, so they are not in `tiers`.'},
                  'late_fee': {'late_fee_zh': '公开资料还写着每天万分之五利息加 5% 滞纳金。这是旧规定:滞纳金 2017 '
                                              '年已取消,利率上限 2021 年已取消。现在以你的信用卡合同为准。',
                               'late_fee_en': 'Public sources still cite 0.05% a day interest '
                                              'plus a 5% late fee. Those are old rules: the '
                                              'late fee ended in 2017 and the rate cap in '
                                              '2021. Today your card contract decides.',
                               'late_fee_certainty': 'weak',
                               'late_fee_source': 'https://wodefinance.com/Creditcardoverdue/cdhusloqzj.html',
                               'late_fee_quote': '"charge 0.05% interest and 5% late fee every '
                                                 'day"',
                               'late_fee_checked_on': '2026-12-01',
                               'late_fee_note': 'Likely outdated: pre-2017 滞纳金 wording and the '
                                                '万分之五 cap removed 2021-01-01 (§2.3).'},
                  'autopay': {'autopay_available': True,
                              'autopay_how_zh': '到工行网点或在网上银行办理自动还款。到期日前会自动扣款,提前存够钱。',
                              'autopay_how_en': 'Sign up at an ICBC branch or in online '
                                                'banking. The charge comes before the due '
                                                'date, so put the money in early.',
                              'autopay_certainty': 'weak',
                              'autopay_source': 'https://wodefinance.com/Creditcardoverdue/bzufbmiaup.html',
                              'autopay_quote': '"register for automatic repayment through ICBC '
                                               'card issuers or online banking"',
                              'autopay_checked_on': '2026-12-01',
                              'autopay_note': "Today's stored path (工银e生活 App → 金融 → 自动还款) is "
                                              'unsourced and not kept.'},
                  'repay_path': {'repay_path_zh': '工行手机银行 → 信用卡 → 选中这张卡 → 立即还款。',
                                 'repay_path_en': 'ICBC mobile banking → Credit card → pick '
                                                  'the card → Repay now.',
                                 'repay_path_certainty': 'weak',
                                 'repay_path_source': 'https://wodefinance.com/Creditcardoverdue/koyvitokyo.html',
                                 'repay_path_quote': '"select the credit card … and click '
                                                     '\'Repay Now\'"',
                                 'repay_path_checked_on': '2026-12-01',
                                 'repay_path_note': ''}},
          'tiers': []},
 'abc': {'old_source': '核对方式:与下列公开网页逐项比对;除客服电话外,均非机构官方页面,故其余信息标为待核实。\n'
                       '公开资料称宽限期 2 天,20:00 后的还款次日入账。\n'
                       'https://51caijin.com/post/59754.html\n'
                       'https://w.sf024.com/info/206519201.html\n'
                       'https://www.cnyyg.com/newsdetail/2894225.html',
         'old': {'hotline': {'hotline': '95599', 'hotline_alt': ''},
                 'due_cutoff': {'due_cutoff': '20:00'},
                 'grace': {'grace_days': 2, 'grace_ends_at': '20:00'},
                 'late_fee': {'late_fee_zh': '公开资料称:违约金为未还最低还款额的 5%,最低 1 元,另计利息。',
                              'late_fee_en': 'Public sources say: a late fee of 5% of the '
                                             'unpaid minimum payment, at least CNY 1, plus '
                                             'interest.'},
                 'autopay': {'autopay_available': True,
                             'autopay_how_zh': '通过农行网上银行、网点或客服电话开通关联自动还款。',
                             'autopay_how_en': 'Set up linked auto repayment through ABC '
                                               'online banking, a branch or the hotline.'},
                 'repay_path': {'repay_path_zh': '中国农业银行 App → 信用卡 → 还款',
                                'repay_path_en': 'ABC mobile banking app → Credit card → '
                                                 'Repay'}},
         'new': {'hotline': {'hotline': '95599',
                             'hotline_label_zh': '农业银行客服热线',
                             'hotline_label_en': 'ABC customer service',
                             'hotline_alt': '400-669-5599',
                             'hotline_alt_label_zh': '信用卡客服热线',
                             'hotline_alt_label_en': 'Credit-card line',
                             'hotline_alt2': '',
                             'hotline_alt2_label_zh': '',
                             'hotline_alt2_label_en': '',
                             'hotline_certainty': 'weak',
                             'hotline_source': 'https://github.com/metowolf/vCards '
                                               '(data/金融银行/中国农业银行.yaml, commit b1a346c3)',
                             'hotline_quote': '"number: 4006695599 label: 信用卡客服热线"',
                             'hotline_checked_on': '2026-12-01',
                             'hotline_note': 'W+. 400-669-5599 added as the dedicated card '
                                             'line (§3 item 13).'},
                 'due_cutoff': {'due_cutoff': '20:00',
                                'due_cutoff_certainty': 'none',
                                'due_cutoff_source': '',
                                'due_cutoff_quote': '',
                                'due_cutoff_checked_on': '2026-12-01',
                                'due_cutoff_note': "Today's stored 20:00 was not found "
                                                   'anywhere (§3 item 10); unsourced. Proposed '
                                                   'planning value: keep 20:00 — earlier than '
                                                   'any other time seen for ABC.'},
                 'grace': {'grace_days': 2,
                           'grace_ends_at': '23:59',
                           'grace_needs_request': False,
                           'grace_request_how_zh': '',
                           'grace_request_how_en': '',
                           'grace_uses_per_year': None,
                           'grace_tolerance_yuan': None,
                           'grace_certainty': 'weak',
                           'grace_source': 'https://wodefinance.com/Creditcardoverdue/dqprrioafv.html '
                                           '; '
                                           'https://wodefinance.com/Creditcardoverdue/mimillaghc.html '
                                           '; Global Times 2013-07-03 via '
                                           'http://www.tianqidz.com/business/2013/07-03/71347.shtml',
                           'grace_quote': '"provides a 2-day repayment grace period"; GT: '
                                          '"Agricultural Bank of China and China Construction '
                                          'Bank only offer two days"',
                           'grace_checked_on': '2026-12-01',
                           'grace_note': 'One page (mimillaghc) says 3 days counting the due '
                                         'date, until 24:00 — possibly the same 2 days after '
                                         'the due date. The safer count, 2 days, is used. '
                                         'Global Times (secondary) supports 2 days only as of '
                                         '2013, so the current value stays weak. 23:59 stands '
                                         'for the 24:00 on the last day from mimillaghc, the '
                                         'only end time any source gives (model convention: '
                                         '24:00 → 23:59).'},
                 'late_fee': {'late_fee_zh': '公开资料称:未还的最低还款额部分收 5% 违约金,最低 1 元。2017 '
                                             '年前这是统一标准,现在以你的信用卡合同为准。',
                              'late_fee_en': 'Public sources say: 5% of the unpaid part of the '
                                             'minimum payment, at least CNY 1. That was the '
                                             'uniform rule before 2017; today your card '
                                             'contract decides.',
                              'late_fee_certainty': 'weak',
                              'late_fee_source': 'https://wodefinance.com/Creditcardoverdue/mimillaghc.html',
                              'late_fee_quote': '"5% of the outstanding portion of the minimum '
                                                'repayment amount … liquidated damages"',
                              'late_fee_checked_on': '2026-12-01',
                              'late_fee_note': "Attributed to an ABC image; may be ABC's own "
                                               'contract or the old rule (§2.3).'},
                 'autopay': {'autopay_available': True,
                             'autopay_how_zh': '用农行借记卡开通自动还款(约定还款)。在网上银行、柜台或客服电话都能办。',
                             'autopay_how_en': 'Link an ABC debit card for automatic '
                                               'repayment. Set it up in online banking, at a '
                                               'branch or by phone.',
                             'autopay_certainty': 'weak',
                             'autopay_source': 'https://wodefinance.com/Creditcardoverdue/fgcmrfyvwe.html',
                             'autopay_quote': '"supports automatic repayment associated with '
                                              'the Agricultural Bank of China debit card"',
                             'autopay_checked_on': '2026-12-01',
                             'autopay_note': ''},
                 'repay_path': {'repay_path_zh': '中国农业银行 App → 信用卡 → 还款',
                                'repay_path_en': 'ABC mobile banking app → Credit card → Repay',
                                'repay_path_certainty': 'none',
                                'repay_path_source': '',
                                'repay_path_quote': '',
                                'repay_path_checked_on': '2026-12-01',
                                'repay_path_note': 'No in-app path in the fact sheet; this is '
                                                   "today's stored path, unsourced."}},
         'tiers': []},
 'boc': {'old_source': '核对方式:与下列公开网页逐项比对;除客服电话外,均非机构官方页面,故其余信息标为待核实。\n'
                       '公开资料称宽限期按卡片等级 2 到 8 天不等,最后一天 20:00 截止;这里按普卡 3 天记录。\n'
                       'http://web0773.net/yinhang/boc/xinyongka/202009/6970146.html\n'
                       'https://www.51yhgj.com/news/7822.html',
         'old': {'hotline': {'hotline': '95566', 'hotline_alt': '400-669-5566'},
                 'due_cutoff': {'due_cutoff': '20:00'},
                 'grace': {'grace_days': 3, 'grace_ends_at': '20:00'},
                 'late_fee': {'late_fee_zh': '公开资料称:违约金为未还最低还款额的 5%,另计利息。',
                              'late_fee_en': 'Public sources say: a late fee of 5% of the '
                                             'unpaid minimum payment, plus interest.'},
                 'autopay': {'autopay_available': True,
                             'autopay_how_zh': '指定一个中国银行借记卡账户作为自动还款账户。',
                             'autopay_how_en': 'Name a Bank of China debit account as the '
                                               'auto-repayment account.'},
                 'repay_path': {'repay_path_zh': '缤纷生活 App → 快捷还款(或 中国银行 App → 信用卡 → 立即还款)',
                                'repay_path_en': 'BOC Life app → Quick repay (or BOC app → '
                                                 'Credit card → Repay)'}},
         'new': {'hotline': {'hotline': '95566',
                             'hotline_label_zh': '中国银行客服热线',
                             'hotline_label_en': 'Bank of China customer service',
                             'hotline_alt': '400-669-5566',
                             'hotline_alt_label_zh': '信用卡服务热线',
                             'hotline_alt_label_en': 'Credit-card line',
                             'hotline_alt2': '400-669-5569',
                             'hotline_alt2_label_zh': '白金信用卡贵宾专线',
                             'hotline_alt2_label_en': 'Platinum card line',
                             'hotline_certainty': 'weak',
                             'hotline_source': 'https://github.com/metowolf/vCards '
                                               '(data/金融银行/中国银行.yaml, commit b1a346c3) ; '
                                               'http://web0773.net/yinhang/boc/xinyongka/202009/6970146.html',
                             'hotline_quote': '"number: 4006695566 label: 信用卡服务热线"',
                             'hotline_checked_on': '2026-12-01',
                             'hotline_note': 'W+. Platinum line 400-669-5569 per the sheet '
                                             '(web0773.net; vCards labels it 白金信用卡贵宾专线).'},
                 'due_cutoff': {'due_cutoff': '20:00',
                                'due_cutoff_certainty': 'weak',
                                'due_cutoff_source': 'https://wodefinance.com/Creditcardoverdue/ywjqrlqepk.html',
                                'due_cutoff_quote': '"most transactions can be credited in '
                                                    'real time, it is recommended to repay '
                                                    'before 20:00 on the same day"',
                                'due_cutoff_checked_on': '2026-12-01',
                                'due_cutoff_note': 'A recommendation to pay before 20:00 so it '
                                                   'posts the same day, not a stated cutoff. '
                                                   'It matches the 20:00 grace end; plan with '
                                                   '20:00.'},
                 'grace': {'grace_days': 2,
                           'grace_ends_at': '20:00',
                           'grace_needs_request': False,
                           'grace_request_how_zh': '',
                           'grace_request_how_en': '',
                           'grace_uses_per_year': None,
                           'grace_tolerance_yuan': None,
                           'grace_certainty': 'secondary',
                           'grace_source': 'http://web0773.net/yinhang/boc/xinyongka/202009/6970146.html '
                                           '(mirror of 南方财富网, 2020-09-09) ; '
                                           'https://wodefinance.com/Creditcardoverdue/hlknihffad.html',
                           'grace_quote': '"鈦金、金、普信用卡的還款寬限期為3天,白金及以上級別信用卡的還款寬限期為8天,公務卡的還款寬限期為2天。持卡人在寬限期的最後一天晚上20:00前還款到賬,視為按時還款"',
                           'grace_checked_on': '2026-12-01',
                           'grace_note': 'Top-level days/ends_at are the shortest tier, for a '
                                         'person who does not know the card tier. Secondary = '
                                         'a 2020 finance-portal article read through a mirror; '
                                         'not official.'},
                 'late_fee': {'late_fee_zh': '公开资料只提到每天万分之五的利息。这个统一上限 2021 '
                                             '年已取消。利息和违约金以你的信用卡合同为准。',
                              'late_fee_en': 'Public sources only mention 0.05% a day '
                                             'interest. That uniform cap ended in 2021. Your '
                                             'card contract decides interest and any penalty.',
                              'late_fee_certainty': 'weak',
                              'late_fee_source': 'https://wodefinance.com/Creditcardoverdue/ogjnageibz.html',
                              'late_fee_quote': "[摘要,不是原文 · summary, not the page's words] generic 0.05%/day only",
                              'late_fee_checked_on': '2026-12-01',
                              'late_fee_note': "The sheet shows no quote. Today's stored text "
                                               '(5 % of the unpaid minimum) is not supported '
                                               'by the sheet and is replaced.'},
                 'autopay': {'autopay_available': True,
                             'autopay_how_zh': '指定一张中行借记卡自动还款。到期日前一天查账户,到期日扣款,结果发短信。前一天就存够钱。',
                             'autopay_how_en': 'Name a BOC debit account for automatic '
                                               'repayment. The bank checks it the day before '
                                               'and charges it on the due date, then texts you '
                                               'the result. Have the money in a day early.',
                             'autopay_certainty': 'weak',
                             'autopay_source': 'https://wodefinance.com/Creditcardoverdue/dbgfbroohd.html',
                             'autopay_quote': '"Automatic repayment will inquire about the '
                                              'deduction account one day before the due '
                                              'repayment date, and the deduction will be '
                                              'received on the due repayment date"',
                             'autopay_checked_on': '2026-12-01',
                             'autopay_note': 'The source also says a second attempt is '
                                             'announced by SMS.'},
                 'repay_path': {'repay_path_zh': '缤纷生活 App → 快捷还款(或 中国银行 App → 信用卡 → 立即还款)',
                                'repay_path_en': 'BOC Life app → Quick repay (or BOC app → '
                                                 'Credit card → Repay)',
                                'repay_path_certainty': 'none',
                                'repay_path_source': '',
                                'repay_path_quote': '',
                                'repay_path_checked_on': '2026-12-01',
                                'repay_path_note': 'No in-app path in the fact sheet; this is '
                                                   "today's stored path, unsourced."}},
         'tiers': [{'code': 'standard',
                    'label_zh': '普卡',
                    'label_en': 'Standard card',
                    'grace_days': 3,
                    'grace_ends_at': '20:00'},
                   {'code': 'gold',
                    'label_zh': '金卡',
                    'label_en': 'Gold card',
                    'grace_days': 3,
                    'grace_ends_at': '20:00'},
                   {'code': 'titanium',
                    'label_zh': '钛金卡',
                    'label_en': 'Titanium card',
                    'grace_days': 3,
                    'grace_ends_at': '20:00'},
                   {'code': 'platinum',
                    'label_zh': '白金卡及以上',
                    'label_en': 'Platinum and above',
                    'grace_days': 8,
                    'grace_ends_at': '20:00'},
                   {'code': 'official',
                    'label_zh': '公务卡',
                    'label_en': 'Official (government) card',
                    'grace_days': 2,
                    'grace_ends_at': '20:00'}]},
 'ccb': {'old_source': '核对方式:与下列公开网页逐项比对;除客服电话外,均非机构官方页面,故其余信息标为待核实。\n'
                       '公开资料称宽限期 3 天,第 3 天 16:00 前到账。\n'
                       'https://money.gucheng.com/202211/4306497.shtml\n'
                       'https://ieqm.com/fin/1701439.html',
         'old': {'hotline': {'hotline': '95533', 'hotline_alt': ''},
                 'due_cutoff': {'due_cutoff': '16:00'},
                 'grace': {'grace_days': 3, 'grace_ends_at': '16:00'},
                 'late_fee': {'late_fee_zh': '公开资料称:违约金为未还最低还款额的 5%,最低 5 元,另计利息。',
                              'late_fee_en': 'Public sources say: a late fee of 5% of the '
                                             'unpaid minimum payment, at least CNY 5, plus '
                                             'interest.'},
                 'autopay': {'autopay_available': True,
                             'autopay_how_zh': '在中国建设银行 App → 信用卡 → 卡服务 → 约定还款 中设置;扣款日早上 7 '
                                               '点前存够钱。',
                             'autopay_how_en': 'Set it in CCB app → Credit card → Card '
                                               'services → Scheduled repayment; have the money '
                                               'in by 07:00 on the day.'},
                 'repay_path': {'repay_path_zh': '中国建设银行 App → 信用卡 → 还款',
                                'repay_path_en': 'CCB app → Credit card → Repay'}},
         'new': {'hotline': {'hotline': '95533',
                             'hotline_label_zh': '建设银行客服热线',
                             'hotline_label_en': 'CCB customer service',
                             'hotline_alt': '021-38695188',
                             'hotline_alt_label_zh': '信用卡客服热线',
                             'hotline_alt_label_en': 'Credit-card line',
                             'hotline_alt2': '400-820-0588',
                             'hotline_alt2_label_zh': '建设银行另一客服号码(资料未注明用途)',
                             'hotline_alt2_label_en': 'Another CCB number (purpose not stated '
                                                      'in the source)',
                             'hotline_certainty': 'weak',
                             'hotline_source': 'https://github.com/metowolf/vCards '
                                               '(data/金融银行/中国建设银行.yaml, commit b1a346c3)',
                             'hotline_quote': '"number: 021-38695188 label: 信用卡客服热线"',
                             'hotline_checked_on': '2026-12-01',
                             'hotline_note': 'W+. Alternates from §3 item 13; vCards lists '
                                             '400-820-0588 without a label.'},
                 'due_cutoff': {'due_cutoff': '16:00',
                                'due_cutoff_certainty': 'none',
                                'due_cutoff_source': '',
                                'due_cutoff_quote': '',
                                'due_cutoff_checked_on': '2026-12-01',
                                'due_cutoff_note': 'No source gives a cutoff on the due date '
                                                   "itself. Today's stored 16:00 is what the "
                                                   'sources give as the end time on the last '
                                                   'grace day (16:00 on the 3rd day after the '
                                                   'due date, one of two conflicting pages); '
                                                   'it is moved to grace.ends_at (§3 item 1). '
                                                   'Proposed planning value: 16:00 on the due '
                                                   'date — the earliest time any source names '
                                                   'for this bank. If the real cutoff is '
                                                   'later, paying by then costs nothing; a '
                                                   'later guess could cost a late fee.'},
                 'grace': {'grace_days': 3,
                           'grace_ends_at': '16:00',
                           'grace_needs_request': False,
                           'grace_request_how_zh': '',
                           'grace_request_how_en': '',
                           'grace_uses_per_year': None,
                           'grace_tolerance_yuan': None,
                           'grace_certainty': 'weak',
                           'grace_source': 'https://wodefinance.com/Creditcardoverdue/ctcxanczkh.html '
                                           '; '
                                           'https://wodefinance.com/Creditcardoverdue/noflprmaxg.html '
                                           '; '
                                           'https://wodefinance.com/Creditcardoverdue/ctrnakixvn.html '
                                           '; Global Times 2013-07-03 via '
                                           'http://www.tianqidz.com/business/2013/07-03/71347.shtml',
                           'grace_quote': '"The repayment grace period is 3 days, and no '
                                          'application is required"; "deposits the funds … '
                                          'before 16:00 on the third day after the due '
                                          'repayment date" vs "arrives before 7:00 am on the '
                                          'third day"',
                           'grace_checked_on': '2026-12-01',
                           'grace_note': '资料说法不一:多数网页说宽限期 3 天、无需申请,一个网页说 5 天;第 3 天的截止时间有 16:00 '
                                         '和 07:00 两种说法,07:00 很可能是机器翻译出错,采用 16:00。2013 '
                                         '年《环球时报》说建行只有 2 天,那是 2013 年公约生效前的情况。 Sources '
                                         'disagree: 3 days (most pages) vs 5 (one page); the '
                                         'third day ends 16:00 vs 07:00, and 07:00 is probably '
                                         'a garbled translation, so 16:00 is used. The 2013 '
                                         'figure of 2 days predates the 2013 pact.'},
                 'late_fee': {'late_fee_zh': '公开资料称:未还的最低还款额部分收 5% 违约金,最低 5 '
                                             '元。资料也写明合同另有约定的按合同。2017 年前这是统一标准,现在以你的信用卡合同为准。',
                              'late_fee_en': 'Public sources say: 5% of the unpaid part of the '
                                             'minimum payment, at least CNY 5. The same page '
                                             'says the contract prevails where it differs. '
                                             'That was the uniform rule before 2017; today '
                                             'your card contract decides.',
                              'late_fee_certainty': 'weak',
                              'late_fee_source': 'https://wodefinance.com/Creditcardoverdue/noflprmaxg.html '
                                                 '; '
                                                 'https://wodefinance.com/Creditcardoverdue/ylldeayitx.html',
                              'late_fee_quote': '"charge a penalty of 5% of the unpaid part of '
                                                'the minimum repayment amount, and the minimum '
                                                '5 yuan"',
                              'late_fee_checked_on': '2026-12-01',
                              'late_fee_note': "Minimum also 1 USD / 1 EUR. The same source's "
                                               'default interest of 万分之五/day is not shown (cap '
                                               'removed 2021-01-01).'},
                 'autopay': {'autopay_available': True,
                             'autopay_how_zh': '在中国建设银行 App → 信用卡 → 卡服务 → 约定还款 中设置;扣款日早上 7 '
                                               '点前存够钱。',
                             'autopay_how_en': 'Set it in CCB app → Credit card → Card '
                                               'services → Scheduled repayment; have the money '
                                               'in by 07:00 on the day.',
                             'autopay_certainty': 'none',
                             'autopay_source': '',
                             'autopay_quote': '',
                             'autopay_checked_on': '2026-12-01',
                             'autopay_note': 'Nothing in the fact sheet; availability and '
                                             "steps are today's stored text, unsourced."},
                 'repay_path': {'repay_path_zh': '中国建设银行 App → 信用卡 → 还款',
                                'repay_path_en': 'CCB app → Credit card → Repay',
                                'repay_path_certainty': 'none',
                                'repay_path_source': '',
                                'repay_path_quote': '',
                                'repay_path_checked_on': '2026-12-01',
                                'repay_path_note': 'No in-app path in the fact sheet; this is '
                                                   "today's stored path, unsourced."}},
         'tiers': []},
 'bocom': {'old_source': '核对方式:与下列公开网页逐项比对;除客服电话外,均非机构官方页面,故其余信息标为待核实。\n'
                         '公开资料称宽限期 3 天,第 3 天 18:00 前到账。\n'
                         'http://dwzrufcoy.cn/yinhang/bankcomm/xinyongka/202009/6968160.html\n'
                         'https://m.110ask.com/tuwen/8981019119649168951.html',
           'old': {'hotline': {'hotline': '95559', 'hotline_alt': ''},
                   'due_cutoff': {'due_cutoff': '18:00'},
                   'grace': {'grace_days': 3, 'grace_ends_at': '18:00'},
                   'late_fee': {'late_fee_zh': '公开资料称:违约金为未还最低还款额的 5%,最低 10 元,另计利息。',
                                'late_fee_en': 'Public sources say: a late fee of 5% of the '
                                               'unpaid minimum payment, at least CNY 10, plus '
                                               'interest.'},
                   'autopay': {'autopay_available': True,
                               'autopay_how_zh': '在买单吧 App 或网银的“自动还款”中签约。',
                               'autopay_how_en': 'Sign up for auto repayment in the Maidanba '
                                                 'app or online banking.'},
                   'repay_path': {'repay_path_zh': '买单吧 App → 还款',
                                  'repay_path_en': 'Buy-Bill (Maidanba) app → Repay'}},
           'new': {'hotline': {'hotline': '95559',
                               'hotline_label_zh': '交通银行客服热线',
                               'hotline_label_en': 'BOCOM customer service',
                               'hotline_alt': '400-800-9888',
                               'hotline_alt_label_zh': '信用卡中心客服热线(也受理征信异议)',
                               'hotline_alt_label_en': 'Credit-card centre line (also handles '
                                                       'credit-report disputes)',
                               'hotline_alt2': '',
                               'hotline_alt2_label_zh': '',
                               'hotline_alt2_label_en': '',
                               'hotline_certainty': 'weak',
                               'hotline_source': 'https://github.com/metowolf/vCards '
                                                 '(data/金融银行/交通银行.yaml, commit b1a346c3) ; '
                                                 'https://wodefinance.com/Creditcardoverdue/jyecexhfqk.html',
                               'hotline_quote': '"number: 4008009888 label: 客服热线、征信异议受理热线"; '
                                                '"24-hour service hotline of Bank of '
                                                'Communications at 400-800-9888"',
                               'hotline_checked_on': '2026-12-01',
                               'hotline_note': 'W+. 400-800-9888 added as the dedicated card '
                                               'line (§3 item 13).'},
                   'due_cutoff': {'due_cutoff': '18:00',
                                  'due_cutoff_certainty': 'none',
                                  'due_cutoff_source': '',
                                  'due_cutoff_quote': '',
                                  'due_cutoff_checked_on': '2026-12-01',
                                  'due_cutoff_note': "Not found (§1 bocom). Today's stored "
                                                     '18:00 is unsourced here (its own pages '
                                                     'give it as the day-3 grace end); kept as '
                                                     'the grace end (safer side of the §3 item '
                                                     '7 conflict). Proposed planning value: '
                                                     '18:00 on the due date — the earliest '
                                                     'time seen for this bank.'},
                   'grace': {'grace_days': 3,
                             'grace_ends_at': '18:00',
                             'grace_needs_request': False,
                             'grace_request_how_zh': '',
                             'grace_request_how_en': '',
                             'grace_uses_per_year': None,
                             'grace_tolerance_yuan': None,
                             'grace_certainty': 'weak',
                             'grace_source': 'https://wodefinance.com/Creditcardoverdue/jnmcllbxto.html '
                                             '; '
                                             'https://wodefinance.com/Creditcardoverdue/qrqurhpgsz.html',
                             'grace_quote': '"don\'t rely on the three-day time limit for '
                                            'repayment"; "grace period for repayment is 3 '
                                            'days, and the repayment will be counted as normal '
                                            'if it is received before 21: pm on…"',
                             'grace_checked_on': '2026-12-01',
                             'grace_note': "End time: today's record says 18:00 on day 3 (its "
                                           'cited pages are not in the fact sheet); one weak '
                                           "list says 'before 21:xx' on the last day (text "
                                           'truncated). The safer, earlier 18:00 is used.'},
                   'late_fee': {'late_fee_zh': '公开资料称:每期未还部分收 5%,另按每天万分之五计息。这和 2017、2021 '
                                               '年前的统一标准一样,现在以你的信用卡合同为准。',
                                'late_fee_en': 'Public sources say: 5% of the unpaid part of '
                                               'each instalment, plus 0.05% a day interest. '
                                               'Those match the old uniform rules (before 2017 '
                                               'and 2021); today your card contract decides.',
                                'late_fee_certainty': 'weak',
                                'late_fee_source': 'https://wodefinance.com/Creditcardoverdue/jnmcllbxto.html',
                                'late_fee_quote': '"The late payment fee is 5% of the unpaid '
                                                  'portion … interest is charged at a daily '
                                                  'interest rate of 0.05%"',
                                'late_fee_checked_on': '2026-12-01',
                                'late_fee_note': "Old wording (§2.3). Today's stored 'minimum "
                                                 "10 yuan' is not in the sheet and is "
                                                 'dropped.'},
                   'autopay': {'autopay_available': True,
                               'autopay_how_zh': '在买单吧 App 或网银的“自动还款”中签约。',
                               'autopay_how_en': 'Sign up for auto repayment in the Maidanba '
                                                 'app or online banking.',
                               'autopay_certainty': 'weak',
                               'autopay_source': 'https://wodefinance.com/Creditcardoverdue/vjfsmpvniu.html',
                               'autopay_quote': '"1. Automatic repayment"',
                               'autopay_checked_on': '2026-12-01',
                               'autopay_note': 'The source only lists autopay among repayment '
                                               "methods; the steps are today's stored text, "
                                               'unsourced.'},
                   'repay_path': {'repay_path_zh': '买单吧 App → 还款',
                                  'repay_path_en': 'Buy-Bill (Maidanba) app → Repay',
                                  'repay_path_certainty': 'none',
                                  'repay_path_source': '',
                                  'repay_path_quote': '',
                                  'repay_path_checked_on': '2026-12-01',
                                  'repay_path_note': 'No in-app path in the fact sheet; this '
                                                     "is today's stored path, unsourced."}},
           'tiers': []},
 'cmb': {'old_source': '核对方式:与下列公开网页逐项比对;除客服电话外,均非机构官方页面,故其余信息标为待核实。\n'
                       '公开资料称宽限期 3 天,到第 3 天 24:00。\n'
                       'https://yexp.com.cn/a/77286.html\n'
                       'http://tsxnews.com.cn/2024falv/yqfenqi/80424.html\n'
                       'https://51a.net/941713036015440452.html',
         'old': {'hotline': {'hotline': '400-820-5555', 'hotline_alt': '95555'},
                 'due_cutoff': {'due_cutoff': '23:59'},
                 'grace': {'grace_days': 3, 'grace_ends_at': '23:59'},
                 'late_fee': {'late_fee_zh': '公开资料称:违约金为未还最低还款额的 5%,最低 10 元,另计利息。',
                              'late_fee_en': 'Public sources say: a late fee of 5% of the '
                                             'unpaid minimum payment, at least CNY 10, plus '
                                             'interest.'},
                 'autopay': {'autopay_available': True,
                             'autopay_how_zh': '在掌上生活 App → 我的 → 查账还款 → 预约还款 中设置扣款借记卡。',
                             'autopay_how_en': 'In the CMB Life app go to Me → Bills → '
                                               'Scheduled repayment and choose the debit '
                                               'card.'},
                 'repay_path': {'repay_path_zh': '掌上生活 App → 首页 → 还款',
                                'repay_path_en': 'CMB Life app → Home → Repay'}},
         'new': {'hotline': {'hotline': '400-820-5555',
                             'hotline_label_zh': '信用卡服务热线',
                             'hotline_label_en': 'Credit-card line',
                             'hotline_alt': '95555',
                             'hotline_alt_label_zh': '招商银行客服热线',
                             'hotline_alt_label_en': 'CMB customer service',
                             'hotline_alt2': '',
                             'hotline_alt2_label_zh': '',
                             'hotline_alt2_label_en': '',
                             'hotline_certainty': 'weak',
                             'hotline_source': 'https://github.com/metowolf/vCards '
                                               '(data/金融银行/招商银行.yaml, commit b1a346c3)',
                             'hotline_quote': '"number: 4008205555 label: 信用卡服务热线"; `- 95555`',
                             'hotline_checked_on': '2026-12-01',
                             'hotline_note': 'W+ (also in many code lists).'},
                 'due_cutoff': {'due_cutoff': '23:59',
                                'due_cutoff_certainty': 'none',
                                'due_cutoff_source': '',
                                'due_cutoff_quote': '',
                                'due_cutoff_checked_on': '2026-12-01',
                                'due_cutoff_note': 'No source gives a cutoff on the due date '
                                                   "itself. Today's stored 23:59 is what the "
                                                   'sources give as the end time on the last '
                                                   'grace day (24:00 on the 3rd day after the '
                                                   'due date); it is moved to grace.ends_at '
                                                   '(§3 item 1). Proposed planning value: '
                                                   '23:59 on the due date — the earliest time '
                                                   'any source names for this bank. If the '
                                                   'real cutoff is later, paying by then costs '
                                                   'nothing; a later guess could cost a late '
                                                   'fee.'},
                 'grace': {'grace_days': 3,
                           'grace_ends_at': '23:59',
                           'grace_needs_request': False,
                           'grace_request_how_zh': '',
                           'grace_request_how_en': '',
                           'grace_uses_per_year': None,
                           'grace_tolerance_yuan': '10',
                           'grace_certainty': 'weak',
                           'grace_source': 'https://wodefinance.com/Creditcardoverdue/ezgwhkhjhx.html '
                                           '; '
                                           'https://wodefinance.com/Creditcardoverdue/ifnkdqegef.html '
                                           '; '
                                           'https://wodefinance.com/Creditcardoverdue/hyslkhetnx.html',
                           'grace_quote': '"The repayment grace period is 3 calendar days '
                                          'after the due payment date"; "Repayments recorded '
                                          'before 24:00 pm on the third day after the '
                                          'repayment date are deemed to be timely"',
                           'grace_checked_on': '2026-12-01',
                           'grace_note': 'W+ (still weak). 24:00 stored as 23:59 (model '
                                         'convention). 容差 is 10 yuan or 1 USD.'},
                 'late_fee': {'late_fee_zh': '公开资料称:未还的最低还款额部分收 5%,最低 10 元,另按每天万分之五计息。这像是 '
                                             '2017、2021 年前的统一标准,现在以你的信用卡合同为准。',
                              'late_fee_en': 'Public sources say: 5% of the unpaid part of the '
                                             'minimum payment, at least CNY 10, plus 0.05% a '
                                             'day interest. That looks like the old uniform '
                                             'rules (before 2017 and 2021); today your card '
                                             'contract decides.',
                              'late_fee_certainty': 'weak',
                              'late_fee_source': 'https://wodefinance.com/Creditcardoverdue/bmbhuyknzp.html',
                              'late_fee_quote': '"The late payment fee is 5% of the unpaid '
                                                'portion of the minimum repayment amount, with '
                                                'a minimum charge of RMB10"',
                              'late_fee_checked_on': '2026-12-01',
                              'late_fee_note': 'Possibly pre-2017 (§2.3); minimum also 1 USD.'},
                 'autopay': {'autopay_available': True,
                             'autopay_how_zh': '在掌上生活 App → 我的 → 查账还款 → 预约还款 中设置扣款借记卡。',
                             'autopay_how_en': 'In the CMB Life app go to Me → Bills → '
                                               'Scheduled repayment and choose the debit card.',
                             'autopay_certainty': 'none',
                             'autopay_source': '',
                             'autopay_quote': '',
                             'autopay_checked_on': '2026-12-01',
                             'autopay_note': 'Nothing in the fact sheet; availability and '
                                             "steps are today's stored text, unsourced."},
                 'repay_path': {'repay_path_zh': '掌上生活 App → 首页 → 还款',
                                'repay_path_en': 'CMB Life app → Home → Repay',
                                'repay_path_certainty': 'none',
                                'repay_path_source': '',
                                'repay_path_quote': '',
                                'repay_path_checked_on': '2026-12-01',
                                'repay_path_note': 'No in-app path in the fact sheet; this is '
                                                   "today's stored path, unsourced."}},
         'tiers': []},
 'citic': {'old_source': '核对方式:与下列公开网页逐项比对;除客服电话外,均非机构官方页面,故其余信息标为待核实。\n'
                         '公开资料称宽限期 3 天,第 3 天 20:00 前。\n'
                         'https://m.cardbaobao.com/cardnews/cardnews_110592.shtml\n'
                         'http://djcaner.com/554964.html',
           'old': {'hotline': {'hotline': '95558', 'hotline_alt': '400-889-5558'},
                   'due_cutoff': {'due_cutoff': '20:00'},
                   'grace': {'grace_days': 3, 'grace_ends_at': '20:00'},
                   'late_fee': {'late_fee_zh': '公开资料称:违约金为未还最低还款额的 5%,最低 20 元,另计利息。',
                                'late_fee_en': 'Public sources say: a late fee of 5% of the '
                                               'unpaid minimum payment, at least CNY 20, plus '
                                               'interest.'},
                   'autopay': {'autopay_available': True,
                               'autopay_how_zh': '在动卡空间 App → 我的银行卡 → 签约自动还款 中添加借记卡。',
                               'autopay_how_en': 'In the Dongka app open My cards → Auto '
                                                 'repayment and add a debit card.'},
                   'repay_path': {'repay_path_zh': '动卡空间 App → 还款(或 中信银行 App → 信用卡 → 还款)',
                                  'repay_path_en': 'CITIC Dongka app → Repay (or CITIC Bank '
                                                   'app → Credit card → Repay)'}},
           'new': {'hotline': {'hotline': '95558',
                               'hotline_label_zh': '中信银行客服热线',
                               'hotline_label_en': 'CITIC Bank customer service',
                               'hotline_alt': '400-889-5558',
                               'hotline_alt_label_zh': '中信银行另一客服号码(资料未注明用途)',
                               'hotline_alt_label_en': 'Another CITIC number (purpose not '
                                                       'stated in the source)',
                               'hotline_alt2': '',
                               'hotline_alt2_label_zh': '',
                               'hotline_alt2_label_en': '',
                               'hotline_certainty': 'weak',
                               'hotline_source': 'https://github.com/metowolf/vCards '
                                                 '(data/金融银行/中信银行.yaml, commit b1a346c3) ; '
                                                 'code list id 49548874185',
                               'hotline_quote': '`- 95558`; `- 4008895558`',
                               'hotline_checked_on': '2026-12-01',
                               'hotline_note': 'W+. vCards lists 4008895558 unlabelled (it '
                                               'labels other 400 numbers 信用卡客服热线; not added, '
                                               'the sheet does not give them).'},
                   'due_cutoff': {'due_cutoff': '20:00',
                                  'due_cutoff_certainty': 'none',
                                  'due_cutoff_source': '',
                                  'due_cutoff_quote': '',
                                  'due_cutoff_checked_on': '2026-12-01',
                                  'due_cutoff_note': 'No source gives a cutoff on the due date '
                                                     "itself. Today's stored 20:00 is what the "
                                                     'sources give as the end time on the last '
                                                     'grace day (20:00 on the 3rd day); it is '
                                                     'moved to grace.ends_at (§3 item 1). '
                                                     'Proposed planning value: 20:00 on the '
                                                     'due date — the earliest time any source '
                                                     'names for this bank. If the real cutoff '
                                                     'is later, paying by then costs nothing; '
                                                     'a later guess could cost a late fee.'},
                   'grace': {'grace_days': 3,
                             'grace_ends_at': '20:00',
                             'grace_needs_request': False,
                             'grace_request_how_zh': '',
                             'grace_request_how_en': '',
                             'grace_uses_per_year': None,
                             'grace_tolerance_yuan': '10',
                             'grace_certainty': 'weak',
                             'grace_source': 'https://wodefinance.com/Creditcardoverdue/dadpngntfl.html '
                                             '; '
                                             'https://wodefinance.com/Creditcardoverdue/iebrtxptwo.html '
                                             '; '
                                             'https://wodefinance.com/Creditcardoverdue/mxjshkebht.html '
                                             '; '
                                             'https://wodefinance.com/Creditcardoverdue/raphhkdven.html',
                             'grace_quote': '"the final repayment on the 2nd can be postponed '
                                            'until 20:00 on the 5th"; "applies … for delayed '
                                            'repayment service before the repayment date, the '
                                            'grace period … can be extended to 5 days"',
                             'grace_checked_on': '2026-12-01',
                             'grace_note': 'The 3 days are automatic. Sources add: extendable '
                                           'to 5 days if you apply on the hotline before the '
                                           'due date. The shape has no field for an optional '
                                           'extension, so it is recorded only here.'},
                   'late_fee': {'late_fee_zh': '还没找到可靠来源。违约金和利息以你的信用卡合同为准,可打 95558 问。',
                                'late_fee_en': 'No reliable source found yet. Your card '
                                               'contract decides any penalty and interest; ask '
                                               'on 95558.',
                                'late_fee_certainty': 'none',
                                'late_fee_source': '',
                                'late_fee_quote': '',
                                'late_fee_checked_on': '2026-12-01',
                                'late_fee_note': 'Nothing in the fact sheet (§3 item 14). '
                                                 "Today's stored text (5 % of the unpaid "
                                                 'minimum, at least 20 yuan) is unsourced and '
                                                 'has the shape of the pre-2017 5 % 滞纳金 rule, '
                                                 'so it is not kept.'},
                   'autopay': {'autopay_available': True,
                               'autopay_how_zh': '在中信网上银行:信用卡 → 还款助手 → 中信借记卡还款 → 自动还款。',
                               'autopay_how_en': 'In CITIC online banking: Credit card → '
                                                 'Repayment assistant → Repay from CITIC debit '
                                                 'card → Automatic repayment.',
                               'autopay_certainty': 'weak',
                               'autopay_source': 'https://wodefinance.com/Creditcardoverdue/zfwqnspvlw.html',
                               'autopay_quote': '"select \'Credit Card\' - \'Repayment '
                                                "Assistant' - 'CITIC Debit Card Repayment' - "
                                                '\'Automatic repayment\'"',
                               'autopay_checked_on': '2026-12-01',
                               'autopay_note': "Today's stored path (动卡空间 App) is unsourced "
                                               'and not kept.'},
                   'repay_path': {'repay_path_zh': '动卡空间 App → 还款(或 中信银行 App → 信用卡 → 还款)',
                                  'repay_path_en': 'CITIC Dongka app → Repay (or CITIC Bank '
                                                   'app → Credit card → Repay)',
                                  'repay_path_certainty': 'none',
                                  'repay_path_source': '',
                                  'repay_path_quote': '',
                                  'repay_path_checked_on': '2026-12-01',
                                  'repay_path_note': 'No in-app path in the fact sheet; this '
                                                     "is today's stored path, unsourced."}},
           'tiers': []},
 'spdb': {'old_source': '核对方式:与下列公开网页逐项比对;除客服电话外,均非机构官方页面,故其余信息标为待核实。\n'
                        '公开资料称宽限期 3 天,截止钟点说法不一(19:00 至 21:00),这里按最早的 19:00 记录。\n'
                        'https://soudai8.com/161514954.html\n'
                        'https://m.gclz.com.cn/c/5580.html',
          'old': {'hotline': {'hotline': '95528', 'hotline_alt': ''},
                  'due_cutoff': {'due_cutoff': '19:00'},
                  'grace': {'grace_days': 3, 'grace_ends_at': '19:00'},
                  'late_fee': {'late_fee_zh': '尚未找到可靠来源,请向银行确认。',
                               'late_fee_en': 'No reliable source found yet; please confirm '
                                              'with the bank.'},
                  'autopay': {'autopay_available': True,
                              'autopay_how_zh': '关联一个本人同名借记账户自动扣款,可通过客服电话或网银申请。',
                              'autopay_how_en': 'Link a debit account in your own name; apply '
                                                'by phone or online banking.'},
                  'repay_path': {'repay_path_zh': '浦大喜奔 App → 还款',
                                 'repay_path_en': 'SPDB Puda Xiben app → Repay'}},
          'new': {'hotline': {'hotline': '95528',
                              'hotline_label_zh': '浦发银行客服热线',
                              'hotline_label_en': 'SPDB customer service',
                              'hotline_alt': '400-109-5528',
                              'hotline_alt_label_zh': '信用卡客服热线',
                              'hotline_alt_label_en': 'Credit-card line',
                              'hotline_alt2': '400-888-9883',
                              'hotline_alt2_label_zh': '信用卡客服热线',
                              'hotline_alt2_label_en': 'Credit-card line',
                              'hotline_certainty': 'weak',
                              'hotline_source': 'https://github.com/metowolf/vCards '
                                                '(data/金融银行/浦发银行.yaml, commit b1a346c3)',
                              'hotline_quote': '"number: 4001095528 label: 信用卡客服热线"',
                              'hotline_checked_on': '2026-12-01',
                              'hotline_note': 'W+. Both card lines added (§3 item 13); vCards '
                                              'labels 4008889883 信用卡客服热线 too.'},
                  'due_cutoff': {'due_cutoff': '19:00',
                                 'due_cutoff_certainty': 'none',
                                 'due_cutoff_source': '',
                                 'due_cutoff_quote': '',
                                 'due_cutoff_checked_on': '2026-12-01',
                                 'due_cutoff_note': 'No source gives a cutoff on the due date '
                                                    "itself. Today's stored 19:00 is what the "
                                                    'sources give as the end time on the last '
                                                    "grace day (19:00 in today's record vs "
                                                    '21:00 on the 3rd day in the sheet); it is '
                                                    'moved to grace.ends_at (§3 item 1). '
                                                    'Proposed planning value: 19:00 on the due '
                                                    'date — the earliest time any source names '
                                                    'for this bank. If the real cutoff is '
                                                    'later, paying by then costs nothing; a '
                                                    'later guess could cost a late fee.'},
                  'grace': {'grace_days': 3,
                            'grace_ends_at': '19:00',
                            'grace_needs_request': True,
                            'grace_request_how_zh': '打浦发信用卡客服(400-109-5528 或 '
                                                    '95528)告诉银行。公开资料没说怎么通知、最晚何时。',
                            'grace_request_how_en': 'Call SPDB card service (400-109-5528 or '
                                                    '95528) and tell the bank. Sources do not '
                                                    'say how or by when.',
                            'grace_uses_per_year': None,
                            'grace_tolerance_yuan': '10',
                            'grace_certainty': 'weak',
                            'grace_source': 'https://wodefinance.com/Creditcardoverdue/zhkickzlxx.html '
                                            '; '
                                            'https://wodefinance.com/Creditcardoverdue/ywjycqmjqp.html',
                            'grace_quote': '"repayment grace period for the \'time-tolerant '
                                           "service' … is 3 days, ending at 9pm on the third "
                                           'day"; "provides a three-day grace period, provided '
                                           'that the bank must be notified"',
                            'grace_checked_on': '2026-12-01',
                            'grace_note': "End time: today's record says 19:00 (its own pages "
                                          'said 19:00 to 21:00), one weak page says 21:00 on '
                                          'day 3; the earlier 19:00 is used. Request: one page '
                                          'says the bank must be notified, the other describes '
                                          "the 3 days without that; 'must be requested' is "
                                          'used. 容差 is RMB 10 or USD 2.'},
                  'late_fee': {'late_fee_zh': '还没找到可靠来源。违约金和利息以你的信用卡合同为准,可打 95528 问。',
                               'late_fee_en': 'No reliable source found yet. Your card '
                                              'contract decides any penalty and interest; ask '
                                              'on 95528.',
                               'late_fee_certainty': 'none',
                               'late_fee_source': '',
                               'late_fee_quote': '',
                               'late_fee_checked_on': '2026-12-01',
                               'late_fee_note': 'Nothing in the fact sheet (§3 item 14); '
                                                "today's stored text also says no reliable "
                                                'source.'},
                  'autopay': {'autopay_available': True,
                              'autopay_how_zh': '关联一个本人同名借记账户自动扣款,可通过客服电话或网银申请。',
                              'autopay_how_en': 'Link a debit account in your own name; apply '
                                                'by phone or online banking.',
                              'autopay_certainty': 'none',
                              'autopay_source': '',
                              'autopay_quote': '',
                              'autopay_checked_on': '2026-12-01',
                              'autopay_note': 'Nothing in the fact sheet; availability and '
                                              "steps are today's stored text, unsourced."},
                  'repay_path': {'repay_path_zh': '浦大喜奔 App → 还款',
                                 'repay_path_en': 'SPDB Puda Xiben app → Repay',
                                 'repay_path_certainty': 'none',
                                 'repay_path_source': '',
                                 'repay_path_quote': '',
                                 'repay_path_checked_on': '2026-12-01',
                                 'repay_path_note': 'No in-app path in the fact sheet; this is '
                                                    "today's stored path, unsourced."}},
          'tiers': []},
 'ceb': {'old_source': '核对方式:与下列公开网页逐项比对;除客服电话外,均非机构官方页面,故其余信息标为待核实。\n'
                       '公开资料称宽限期 3 天,到第 3 天 24:00。\n'
                       'https://www.autohome.com.cn/ask/5547378.html\n'
                       'https://www.kashen8.com/article-25423-1.html',
         'old': {'hotline': {'hotline': '95595', 'hotline_alt': ''},
                 'due_cutoff': {'due_cutoff': '23:59'},
                 'grace': {'grace_days': 3, 'grace_ends_at': '23:59'},
                 'late_fee': {'late_fee_zh': '尚未找到可靠来源,请向银行确认。',
                              'late_fee_en': 'No reliable source found yet; please confirm '
                                             'with the bank.'},
                 'autopay': {'autopay_available': True,
                             'autopay_how_zh': '关联光大借记卡自动扣款,可通过网银“自动还款设置”或客服电话申请。',
                             'autopay_how_en': "Link a CEB debit card via online banking's "
                                               'auto-repayment settings or the hotline.'},
                 'repay_path': {'repay_path_zh': '阳光惠生活 App → 还款',
                                'repay_path_en': 'CEB Sunshine Life app → Repay'}},
         'new': {'hotline': {'hotline': '95595',
                             'hotline_label_zh': '光大银行客服热线',
                             'hotline_label_en': 'CEB customer service',
                             'hotline_alt': '',
                             'hotline_alt_label_zh': '',
                             'hotline_alt_label_en': '',
                             'hotline_alt2': '',
                             'hotline_alt2_label_zh': '',
                             'hotline_alt2_label_en': '',
                             'hotline_certainty': 'weak',
                             'hotline_source': 'https://github.com/metowolf/vCards '
                                               '(data/金融银行/光大银行.yaml, commit b1a346c3)',
                             'hotline_quote': '`- 95595`',
                             'hotline_checked_on': '2026-12-01',
                             'hotline_note': 'W+. An old code list (code id 41271524314) gives '
                                             'a card line 400-788-8888, not verified; not '
                                             'kept.'},
                 'due_cutoff': {'due_cutoff': '23:59',
                                'due_cutoff_certainty': 'none',
                                'due_cutoff_source': '',
                                'due_cutoff_quote': '',
                                'due_cutoff_checked_on': '2026-12-01',
                                'due_cutoff_note': "No time of day found (§3 item 14). Today's "
                                                   'stored 23:59 is unsourced (its own pages '
                                                   'gave 24:00 on day 3, i.e. probably the '
                                                   'grace end too). Proposed planning value: '
                                                   'keep 23:59 for status, as no earlier time '
                                                   'is named; say it is unconfirmed and to pay '
                                                   'today.'},
                 'grace': {'grace_days': 3,
                           'grace_ends_at': None,
                           'grace_needs_request': False,
                           'grace_request_how_zh': '',
                           'grace_request_how_en': '',
                           'grace_uses_per_year': None,
                           'grace_tolerance_yuan': None,
                           'grace_certainty': 'weak',
                           'grace_source': 'https://wodefinance.com/Creditcardoverdue/dqjklneewt.html '
                                           '; '
                                           'https://wodefinance.com/Creditcardoverdue/nnrfxdbmij.html',
                           'grace_quote': '"has a 3-day grace period for repayment"',
                           'grace_checked_on': '2026-12-01',
                           'grace_note': 'No end time found. Until one is sourced, plan the '
                                         'last grace day with the due-date planning time and '
                                         'tell people to confirm the time on 95595.'},
                 'late_fee': {'late_fee_zh': '公开资料只有通用说法:最低还款额的 5% 加每天万分之五利息。这是 2017、2021 '
                                             '年前的统一标准,现在以你的信用卡合同为准。',
                              'late_fee_en': 'Public sources give only the generic rule: 5% of '
                                             'the minimum payment plus 0.05% a day interest. '
                                             'Those are the old uniform rules (before 2017 and '
                                             '2021); today your card contract decides.',
                              'late_fee_certainty': 'weak',
                              'late_fee_source': 'https://wodefinance.com/Creditcardoverdue/dqjklneewt.html',
                              'late_fee_quote': "[摘要,不是原文 · summary, not the page's words] 5% of the minimum payment plus 0.05%/day (generic, old wording)",
                              'late_fee_checked_on': '2026-12-01',
                              'late_fee_note': 'Generic, old wording (§2.3); the sheet shows '
                                               'no quote.'},
                 'autopay': {'autopay_available': True,
                             'autopay_how_zh': '关联光大借记卡自动扣款,可通过网银“自动还款设置”或客服电话申请。',
                             'autopay_how_en': "Link a CEB debit card via online banking's "
                                               'auto-repayment settings or the hotline.',
                             'autopay_certainty': 'none',
                             'autopay_source': '',
                             'autopay_quote': '',
                             'autopay_checked_on': '2026-12-01',
                             'autopay_note': 'Nothing in the fact sheet; availability and '
                                             "steps are today's stored text, unsourced."},
                 'repay_path': {'repay_path_zh': '阳光惠生活 App → 还款',
                                'repay_path_en': 'CEB Sunshine Life app → Repay',
                                'repay_path_certainty': 'none',
                                'repay_path_source': '',
                                'repay_path_quote': '',
                                'repay_path_checked_on': '2026-12-01',
                                'repay_path_note': 'No in-app path in the fact sheet; this is '
                                                   "today's stored path, unsourced."}},
         'tiers': []},
 'cgb': {'old_source': '核对方式:与下列网页逐项比对;标明“官方”的来自机构官网。\n'
                       '宽限期说法不一(1 天或 3 天),这里按没有宽限期记录。\n'
                       '官方:http://www.cgbchina.com.cn/Info/21219962\n'
                       'https://m.110ask.com/tuwen/8981019119649168951.html',
         'old': {'hotline': {'hotline': '95508', 'hotline_alt': ''},
                 'due_cutoff': {'due_cutoff': '20:00'},
                 'grace': {'grace_days': 0, 'grace_ends_at': None},
                 'late_fee': {'late_fee_zh': '公开资料称:违约金为未还最低还款额的 5%,最低 20 元,另计利息。',
                              'late_fee_en': 'Public sources say: a late fee of 5% of the '
                                             'unpaid minimum payment, at least CNY 20, plus '
                                             'interest.'},
                 'autopay': {'autopay_available': True,
                             'autopay_how_zh': '在发现精彩 App 的“还款设置”中开通;须在还款日前至少一天设置,还款日 08:00 '
                                               '扣款、18:00 再扣一次。',
                             'autopay_how_en': 'Turn it on under Repayment settings in the '
                                               'Discover app at least a day before the due '
                                               'date; it charges at 08:00 and again at 18:00 '
                                               'on the due date.'},
                 'repay_path': {'repay_path_zh': '发现精彩 App → 我的 → 常用工具 → 快速还款',
                                'repay_path_en': 'CGB Discover app → Me → Tools → Quick '
                                                 'repay'}},
         'new': {'hotline': {'hotline': '95508',
                             'hotline_label_zh': '信用卡专线',
                             'hotline_label_en': 'Credit-card line',
                             'hotline_alt': '400-830-8003',
                             'hotline_alt_label_zh': '广发银行客服热线',
                             'hotline_alt_label_en': 'CGB customer service',
                             'hotline_alt2': '',
                             'hotline_alt2_label_zh': '',
                             'hotline_alt2_label_en': '',
                             'hotline_certainty': 'weak',
                             'hotline_source': 'https://github.com/metowolf/vCards '
                                               '(data/金融银行/广发银行.yaml, commit b1a346c3)',
                             'hotline_quote': '"number: 95508 label: 信用卡专线"',
                             'hotline_checked_on': '2026-12-01',
                             'hotline_note': 'W+. 400-830-8003 (客服热线) added as an alternate '
                                             '(§3 item 13).'},
                 'due_cutoff': {'due_cutoff': '20:00',
                                'due_cutoff_certainty': 'none',
                                'due_cutoff_source': '',
                                'due_cutoff_quote': '',
                                'due_cutoff_checked_on': '2026-12-01',
                                'due_cutoff_note': "Today's stored 20:00 is unsourced: nothing "
                                                   'found (§3 item 14). Proposed planning '
                                                   'value: keep 20:00 — no other time is named '
                                                   'and it is earlier than end of day.'},
                 'grace': {'grace_days': 3,
                           'grace_ends_at': None,
                           'grace_needs_request': True,
                           'grace_request_how_zh': '打广发信用卡专线 95508 申请。公开资料没说申请方式和截止时间。',
                           'grace_request_how_en': 'Call the CGB card line 95508 to apply. '
                                                   'Sources do not say how or by when.',
                           'grace_uses_per_year': 1,
                           'grace_tolerance_yuan': None,
                           'grace_certainty': 'weak',
                           'grace_source': 'https://wodefinance.com/Creditcardoverdue/lwentajlbc.html '
                                           '; '
                                           'https://wodefinance.com/Creditcardoverdue/vqcxxlpnlv.html '
                                           '; '
                                           'https://wodefinance.com/Creditcardoverdue/hiuinfxfdk.html',
                           'grace_quote': '"can be deferred for 3 days. This is a time-limited '
                                          'service … the repayment grace period is 3 days" vs '
                                          '"longest grace period is 3 days, but you can only '
                                          'apply once a year"',
                           'grace_checked_on': '2026-12-01',
                           'grace_note': "Today's record says 0 days (no source; its own note "
                                         "said sources gave 1 or 3 days). The sheet's pages "
                                         'say 3 days; one says you must apply and may use it '
                                         'once a year, the others state no condition. Used: 3 '
                                         'days, must be requested, once a year (the stricter '
                                         'conditions). 0 is not used because no source '
                                         'supports it; a grace that must be requested only '
                                         "ever yields 'possibly in grace', and the plan still "
                                         'says pay now. No end time found; plan the last grace '
                                         'day with the due-date planning time (20:00). '
                                         "Deliberate deviation from 'shortest grace': see "
                                         'report.'},
                 'late_fee': {'late_fee_zh': '还没找到可靠来源。违约金和利息以你的信用卡合同为准,可打 95508 问。',
                              'late_fee_en': 'No reliable source found yet. Your card contract '
                                             'decides any penalty and interest; ask on 95508.',
                              'late_fee_certainty': 'none',
                              'late_fee_source': '',
                              'late_fee_quote': '',
                              'late_fee_checked_on': '2026-12-01',
                              'late_fee_note': 'Nothing in the fact sheet (§3 item 14). '
                                               "Today's stored text (5 % of the unpaid "
                                               'minimum, at least 20 yuan) is unsourced and '
                                               'has the shape of the pre-2017 5 % 滞纳金 rule, so '
                                               'it is not kept.'},
                 'autopay': {'autopay_available': True,
                             'autopay_how_zh': '绑定一张借记卡开通约定还款,到期日自动扣款。前一天存够钱。',
                             'autopay_how_en': 'Link a debit card for scheduled repayment; it '
                                               'is charged on the due date. Have the money in '
                                               'the day before.',
                             'autopay_certainty': 'weak',
                             'autopay_source': 'https://wodefinance.com/Creditcardoverdue/pkumlxdfaq.html',
                             'autopay_quote': '"it will be automatically deducted on the due '
                                              'repayment date"',
                             'autopay_checked_on': '2026-12-01',
                             'autopay_note': "Today's stored detail (set up at least a day "
                                             'ahead; debits at 08:00 and again 18:00) comes '
                                             'from a cgbchina.com.cn page the seed calls '
                                             'official; it is not in the fact sheet, so not '
                                             'kept. Worth re-checking that page.'},
                 'repay_path': {'repay_path_zh': '发现精彩 App → 我的 → 常用工具 → 快速还款',
                                'repay_path_en': 'CGB Discover app → Me → Tools → Quick repay',
                                'repay_path_certainty': 'none',
                                'repay_path_source': '',
                                'repay_path_quote': '',
                                'repay_path_checked_on': '2026-12-01',
                                'repay_path_note': 'No in-app path in the fact sheet; this is '
                                                   "today's stored path, unsourced."}},
         'tiers': []},
 'pingan': {'old_source': '核对方式:与下列公开网页逐项比对;除客服电话外,均非机构官方页面,故其余信息标为待核实。\n'
                          '公开资料称宽限期 3 天,到第 3 天 24:00。\n'
                          'http://www.592gupiao.com/ask/thread/20190420/2460435.html\n'
                          'http://www.nyliu.cn/loan/4095.html',
            'old': {'hotline': {'hotline': '95511-2', 'hotline_alt': ''},
                    'due_cutoff': {'due_cutoff': '23:59'},
                    'grace': {'grace_days': 3, 'grace_ends_at': '23:59'},
                    'late_fee': {'late_fee_zh': '公开资料称:违约金为未还最低还款额的 5%,另计利息。',
                                 'late_fee_en': 'Public sources say: a late fee of 5% of the '
                                                'unpaid minimum payment, plus interest.'},
                    'autopay': {'autopay_available': True,
                                'autopay_how_zh': '拨打 95511 转 2,或在信用卡网银 → 还款管理 → 自动还款设置 中开通。',
                                'autopay_how_en': 'Call 95511 then press 2, or use credit-card '
                                                  'online banking → Repayments → Auto '
                                                  'repayment.'},
                    'repay_path': {'repay_path_zh': '平安口袋银行 App → 信用卡 → 立即还款',
                                   'repay_path_en': 'Ping An Pocket Bank app → Credit card → '
                                                    'Repay'}},
            'new': {'hotline': {'hotline': '95511-2',
                                'hotline_label_zh': '平安银行信用卡(拨 95511 后按 2)',
                                'hotline_label_en': 'Ping An credit cards (dial 95511, then '
                                                    'press 2)',
                                'hotline_alt': '',
                                'hotline_alt_label_zh': '',
                                'hotline_alt_label_en': '',
                                'hotline_alt2': '',
                                'hotline_alt2_label_zh': '',
                                'hotline_alt2_label_en': '',
                                'hotline_certainty': 'weak',
                                'hotline_source': 'https://wodefinance.com/Creditcardoverdue/vtxundeats.html '
                                                  '; https://github.com/metowolf/vCards '
                                                  '(data/证券保险/中国平安.yaml, commit b1a346c3)',
                                'hotline_quote': '"Ping An Bank credit card customer service '
                                                 'hotline (95511-2)"',
                                'hotline_checked_on': '2026-12-01',
                                'hotline_note': 'W+. vCards lists 95511 under 中国平安; its 平安银行 '
                                                'entry was removed as a duplicate in commit '
                                                '0589156.'},
                    'due_cutoff': {'due_cutoff': '23:59',
                                   'due_cutoff_certainty': 'none',
                                   'due_cutoff_source': '',
                                   'due_cutoff_quote': '',
                                   'due_cutoff_checked_on': '2026-12-01',
                                   'due_cutoff_note': 'No source gives a cutoff on the due '
                                                      "date itself. Today's stored 23:59 is "
                                                      'what the sources give as the end time '
                                                      'on the last grace day (24:00 on the 3rd '
                                                      'day after the due date); it is moved to '
                                                      'grace.ends_at (§3 item 1). Proposed '
                                                      'planning value: 23:59 on the due date — '
                                                      'the earliest time any source names for '
                                                      'this bank. If the real cutoff is later, '
                                                      'paying by then costs nothing; a later '
                                                      'guess could cost a late fee.'},
                    'grace': {'grace_days': 3,
                              'grace_ends_at': '23:59',
                              'grace_needs_request': False,
                              'grace_request_how_zh': '',
                              'grace_request_how_en': '',
                              'grace_uses_per_year': None,
                              'grace_tolerance_yuan': None,
                              'grace_certainty': 'weak',
                              'grace_source': 'https://wodefinance.com/Creditcardoverdue/cisdeniogr.html',
                              'grace_quote': '"grace period of up to 3 days for repayment"; '
                                             '"repay and arrive before 24:00 on the third day '
                                             'after the final payment date"',
                              'grace_checked_on': '2026-12-01',
                              'grace_note': "'Up to 3 days'. 24:00 stored as 23:59 (model "
                                            'convention).'},
                    'late_fee': {'late_fee_zh': '还没找到可靠来源。违约金和利息以你的信用卡合同为准,可打 95511 转 2 问。',
                                 'late_fee_en': 'No reliable source found yet. Your card '
                                                'contract decides any penalty and interest; '
                                                'ask on 95511 (then 2).',
                                 'late_fee_certainty': 'none',
                                 'late_fee_source': '',
                                 'late_fee_quote': '',
                                 'late_fee_checked_on': '2026-12-01',
                                 'late_fee_note': 'Nothing in the fact sheet (§3 item 14). '
                                                  "Today's stored text (5 % of the unpaid "
                                                  'minimum) is unsourced and has the shape of '
                                                  'the pre-2017 5 % 滞纳金 rule, so it is not '
                                                  'kept.'},
                    'autopay': {'autopay_available': True,
                                'autopay_how_zh': '拨打 95511 转 2,或在信用卡网银 → 还款管理 → 自动还款设置 中开通。',
                                'autopay_how_en': 'Call 95511 then press 2, or use credit-card '
                                                  'online banking → Repayments → Auto '
                                                  'repayment.',
                                'autopay_certainty': 'none',
                                'autopay_source': '',
                                'autopay_quote': '',
                                'autopay_checked_on': '2026-12-01',
                                'autopay_note': 'Nothing in the fact sheet; availability and '
                                                "steps are today's stored text, unsourced."},
                    'repay_path': {'repay_path_zh': '平安口袋银行 App → 信用卡 → 立即还款',
                                   'repay_path_en': 'Ping An Pocket Bank app → Credit card → '
                                                    'Repay',
                                   'repay_path_certainty': 'none',
                                   'repay_path_source': '',
                                   'repay_path_quote': '',
                                   'repay_path_checked_on': '2026-12-01',
                                   'repay_path_note': "The sheet's only path (平安口袋银行 App → 信用卡 "
                                                      '→ 客服, '
                                                      'http://lnmlw.com/Loanintermediary/penapcyagl.html, '
                                                      'W) is for contacting the bank, not '
                                                      "repaying. This is today's stored path, "
                                                      'unsourced.'}},
            'tiers': []},
 'cmbc': {'old_source': '核对方式:与下列公开网页逐项比对;除客服电话外,均非机构官方页面,故其余信息标为待核实。\n'
                        '公开资料称宽限期 3 天,第 3 天 17:00 前到账。\n'
                        'http://wwpfw.com/xinyongqiayuqi/37420.html\n'
                        'https://www.yuejiaxmz.com/news/view/1398275',
          'old': {'hotline': {'hotline': '95568', 'hotline_alt': '400-669-5568'},
                  'due_cutoff': {'due_cutoff': '17:00'},
                  'grace': {'grace_days': 3, 'grace_ends_at': '17:00'},
                  'late_fee': {'late_fee_zh': '公开资料称:违约金为未还最低还款额的 5%,最低 10 元,另计利息。',
                               'late_fee_en': 'Public sources say: a late fee of 5% of the '
                                              'unpaid minimum payment, at least CNY 10, plus '
                                              'interest.'},
                  'autopay': {'autopay_available': True,
                              'autopay_how_zh': '在全民生活 App → 金融 → 自动还款 中添加本人民生借记卡。',
                              'autopay_how_en': 'In the Quanmin Life app go to Finance → Auto '
                                                'repayment and add your own CMBC debit card.'},
                  'repay_path': {'repay_path_zh': '全民生活 App → 还款',
                                 'repay_path_en': 'CMBC Quanmin Life app → Repay'}},
          'new': {'hotline': {'hotline': '95568',
                              'hotline_label_zh': '民生银行客服热线',
                              'hotline_label_en': 'CMBC customer service',
                              'hotline_alt': '400-669-5568',
                              'hotline_alt_label_zh': '信用卡客服热线',
                              'hotline_alt_label_en': 'Credit-card line',
                              'hotline_alt2': '',
                              'hotline_alt2_label_zh': '',
                              'hotline_alt2_label_en': '',
                              'hotline_certainty': 'weak',
                              'hotline_source': 'https://github.com/metowolf/vCards '
                                                '(data/金融银行/中国民生银行.yaml, commit b1a346c3)',
                              'hotline_quote': '`- 95568`; "number: 4006695568 label: 信用卡客服热线"',
                              'hotline_checked_on': '2026-12-01',
                              'hotline_note': 'W+.'},
                  'due_cutoff': {'due_cutoff': '17:00',
                                 'due_cutoff_certainty': 'none',
                                 'due_cutoff_source': '',
                                 'due_cutoff_quote': '',
                                 'due_cutoff_checked_on': '2026-12-01',
                                 'due_cutoff_note': 'No source gives a cutoff on the due date '
                                                    "itself. Today's stored 17:00 is what the "
                                                    'sources give as the end time on the last '
                                                    'grace day (17:00 on the 3rd day); it is '
                                                    'moved to grace.ends_at (§3 item 1). '
                                                    'Proposed planning value: 17:00 on the due '
                                                    'date — the earliest time any source names '
                                                    'for this bank. If the real cutoff is '
                                                    'later, paying by then costs nothing; a '
                                                    'later guess could cost a late fee.'},
                  'grace': {'grace_days': 3,
                            'grace_ends_at': '17:00',
                            'grace_needs_request': True,
                            'grace_request_how_zh': '打民生信用卡客服(400-669-5568 或 '
                                                    '95568)申请。公开资料没说申请方式和截止时间。',
                            'grace_request_how_en': 'Call CMBC card service (400-669-5568 or '
                                                    '95568) to apply. Sources do not say how '
                                                    'or by when.',
                            'grace_uses_per_year': None,
                            'grace_tolerance_yuan': '10',
                            'grace_certainty': 'weak',
                            'grace_source': 'https://wodefinance.com/Creditcardoverdue/dnmueacpvp.html '
                                            '; '
                                            'https://wodefinance.com/Creditcardoverdue/afgihahewj.html',
                            'grace_quote': '"the grace period … ends at 17:00 on the third '
                                           'day"',
                            'grace_checked_on': '2026-12-01',
                            'grace_note': 'One page says you must apply; the other gives the 3 '
                                          "days without that condition. 'Must be requested' is "
                                          'used (safer).'},
                  'late_fee': {'late_fee_zh': '公开资料称:未还的最低还款额部分收 5%,另按每天万分之五计息。这是 2017、2021 '
                                              '年前的统一标准,现在以你的信用卡合同为准。',
                               'late_fee_en': 'Public sources say: 5% of the unpaid part of '
                                              'the minimum payment, plus 0.05% a day interest. '
                                              'Those are the old uniform rules (before 2017 '
                                              'and 2021); today your card contract decides.',
                               'late_fee_certainty': 'weak',
                               'late_fee_source': 'https://wodefinance.com/Creditcardoverdue/afgihahewj.html',
                               'late_fee_quote': "[摘要,不是原文 · summary, not the page's words] 5% of the unpaid minimum payment plus 0.05%/day",
                               'late_fee_checked_on': '2026-12-01',
                               'late_fee_note': 'Old wording (§2.3); the sheet shows no quote. '
                                                "Today's stored 'minimum 10 yuan' is not in "
                                                'the sheet and is dropped.'},
                  'autopay': {'autopay_available': True,
                              'autopay_how_zh': '在全民生活 App → 金融 → 自动还款 中添加本人民生借记卡。',
                              'autopay_how_en': 'In the Quanmin Life app go to Finance → Auto '
                                                'repayment and add your own CMBC debit card.',
                              'autopay_certainty': 'none',
                              'autopay_source': '',
                              'autopay_quote': '',
                              'autopay_checked_on': '2026-12-01',
                              'autopay_note': 'Nothing in the fact sheet; availability and '
                                              "steps are today's stored text, unsourced."},
                  'repay_path': {'repay_path_zh': '全民生活 App → 还款',
                                 'repay_path_en': 'CMBC Quanmin Life app → Repay',
                                 'repay_path_certainty': 'none',
                                 'repay_path_source': '',
                                 'repay_path_quote': '',
                                 'repay_path_checked_on': '2026-12-01',
                                 'repay_path_note': 'No in-app path in the fact sheet; this is '
                                                    "today's stored path, unsourced."}},
          'tiers': []},
 'cib': {'old_source': '核对方式:与下列公开网页逐项比对;除客服电话外,均非机构官方页面,故其余信息标为待核实。\n'
                       '公开资料称宽限期 3 天,截止钟点说法不一(18:00 或 24:00),这里按较早的 18:00 记录。\n'
                       'http://www.wwpfw.com/xinyongqiataoxian/93773.html\n'
                       'https://yanggu.tv/webgov/yqfenqi/548629.html',
         'old': {'hotline': {'hotline': '95561', 'hotline_alt': ''},
                 'due_cutoff': {'due_cutoff': '18:00'},
                 'grace': {'grace_days': 3, 'grace_ends_at': '18:00'},
                 'late_fee': {'late_fee_zh': '公开资料称:违约金为未还最低还款额的 5%,最低 20 元,另计利息。',
                              'late_fee_en': 'Public sources say: a late fee of 5% of the '
                                             'unpaid minimum payment, at least CNY 20, plus '
                                             'interest.'},
                 'autopay': {'autopay_available': True,
                             'autopay_how_zh': '关联兴业借记账户,在手机银行或好兴动 App → 信用卡 → 自动还款 中设置。',
                             'autopay_how_en': 'Link a CIB debit account in mobile banking or '
                                               'the Haoxingdong app → Credit card → Auto '
                                               'repayment.'},
                 'repay_path': {'repay_path_zh': '兴业银行 App → 信用卡 → 立即还款',
                                'repay_path_en': 'CIB app → Credit card → Repay'}},
         'new': {'hotline': {'hotline': '95561',
                             'hotline_label_zh': '兴业银行客服热线',
                             'hotline_label_en': 'CIB customer service',
                             'hotline_alt': '',
                             'hotline_alt_label_zh': '',
                             'hotline_alt_label_en': '',
                             'hotline_alt2': '',
                             'hotline_alt2_label_zh': '',
                             'hotline_alt2_label_en': '',
                             'hotline_certainty': 'weak',
                             'hotline_source': 'https://github.com/metowolf/vCards '
                                               '(data/金融银行/兴业银行.yaml, commit b1a346c3)',
                             'hotline_quote': '`- 95561`',
                             'hotline_checked_on': '2026-12-01',
                             'hotline_note': 'W+.'},
                 'due_cutoff': {'due_cutoff': '18:00',
                                'due_cutoff_certainty': 'none',
                                'due_cutoff_source': '',
                                'due_cutoff_quote': '',
                                'due_cutoff_checked_on': '2026-12-01',
                                'due_cutoff_note': 'No source gives a cutoff on the due date '
                                                   "itself. Today's stored 18:00 is what the "
                                                   'sources give as the end time on the last '
                                                   'grace day (18:00 on the 3rd day); it is '
                                                   'moved to grace.ends_at (§3 item 1). '
                                                   'Proposed planning value: 18:00 on the due '
                                                   'date — the earliest time any source names '
                                                   'for this bank. If the real cutoff is '
                                                   'later, paying by then costs nothing; a '
                                                   'later guess could cost a late fee.'},
                 'grace': {'grace_days': 3,
                           'grace_ends_at': '18:00',
                           'grace_needs_request': False,
                           'grace_request_how_zh': '',
                           'grace_request_how_en': '',
                           'grace_uses_per_year': 3,
                           'grace_tolerance_yuan': None,
                           'grace_certainty': 'weak',
                           'grace_source': 'https://wodefinance.com/Creditcardoverdue/saofjpimpx.html '
                                           '; '
                                           'https://wodefinance.com/Creditcardoverdue/vpytjgnnox.html',
                           'grace_quote': '"repay … before 18:00 on the third day of overdue '
                                          'payment"; "There are only three opportunities in a '
                                          'natural year"',
                           'grace_checked_on': '2026-12-01',
                           'grace_note': 'One page says it can be used only 3 times a calendar '
                                         'year; the other states no limit. The limit is '
                                         "recorded (safer). Today's record says its own pages "
                                         'gave 18:00 or 24:00; the sheet has only 18:00. '
                                         'Whether it must be requested is not stated.'},
                 'late_fee': {'late_fee_zh': '还没找到可靠来源。违约金和利息以你的信用卡合同为准,可打 95561 问。',
                              'late_fee_en': 'No reliable source found yet. Your card contract '
                                             'decides any penalty and interest; ask on 95561.',
                              'late_fee_certainty': 'none',
                              'late_fee_source': '',
                              'late_fee_quote': '',
                              'late_fee_checked_on': '2026-12-01',
                              'late_fee_note': 'Nothing in the fact sheet (§3 item 14). '
                                               "Today's stored text (5 % of the unpaid "
                                               'minimum, at least 20 yuan) is unsourced and '
                                               'has the shape of the pre-2017 5 % 滞纳金 rule, so '
                                               'it is not kept.'},
                 'autopay': {'autopay_available': True,
                             'autopay_how_zh': '关联兴业借记账户,在手机银行或好兴动 App → 信用卡 → 自动还款 中设置。',
                             'autopay_how_en': 'Link a CIB debit account in mobile banking or '
                                               'the Haoxingdong app → Credit card → Auto '
                                               'repayment.',
                             'autopay_certainty': 'none',
                             'autopay_source': '',
                             'autopay_quote': '',
                             'autopay_checked_on': '2026-12-01',
                             'autopay_note': 'Nothing in the fact sheet; availability and '
                                             "steps are today's stored text, unsourced."},
                 'repay_path': {'repay_path_zh': '兴业银行 App → 信用卡 → 立即还款',
                                'repay_path_en': 'CIB app → Credit card → Repay',
                                'repay_path_certainty': 'none',
                                'repay_path_source': '',
                                'repay_path_quote': '',
                                'repay_path_checked_on': '2026-12-01',
                                'repay_path_note': 'No in-app path in the fact sheet; this is '
                                                   "today's stored path, unsourced."}},
         'tiers': []},
 'psbc': {'old_source': '核对方式:与下列网页逐项比对;标明“官方”的来自机构官网。\n'
                        '公开资料对宽限期说法不一(3 天或 4 天),这里按 3 天、17:00 记录。\n'
                        '官方:https://www.psbc.com/cn/grfw/xyk/ywgg_258/202010/t20201026_35031.html\n'
                        'https://www.baohanwang.com.cn/a/80408.html',
          'old': {'hotline': {'hotline': '95580', 'hotline_alt': '400-889-5580'},
                  'due_cutoff': {'due_cutoff': '17:00'},
                  'grace': {'grace_days': 3, 'grace_ends_at': '17:00'},
                  'late_fee': {'late_fee_zh': '尚未找到可靠来源,请向银行确认。',
                               'late_fee_en': 'No reliable source found yet; please confirm '
                                              'with the bank.'},
                  'autopay': {'autopay_available': True,
                              'autopay_how_zh': '关联本人邮储借记账户,可通过客服电话、网银或网点申请。',
                              'autopay_how_en': 'Link your own PSBC debit account by phone, '
                                                'online banking or at a branch.'},
                  'repay_path': {'repay_path_zh': '邮储银行 App → 信用卡 → 还款',
                                 'repay_path_en': 'PSBC app → Credit card → Repay'}},
          'new': {'hotline': {'hotline': '95580',
                              'hotline_label_zh': '邮储银行客服热线',
                              'hotline_label_en': 'PSBC customer service',
                              'hotline_alt': '400-889-5580',
                              'hotline_alt_label_zh': '邮储银行另一客服号码(资料未注明用途)',
                              'hotline_alt_label_en': 'Another PSBC number (purpose not stated '
                                                      'in the source)',
                              'hotline_alt2': '',
                              'hotline_alt2_label_zh': '',
                              'hotline_alt2_label_en': '',
                              'hotline_certainty': 'weak',
                              'hotline_source': 'https://github.com/metowolf/vCards '
                                                '(data/金融银行/中国邮政储蓄银行.yaml, commit b1a346c3)',
                              'hotline_quote': '`- 95580 - 4008895580`',
                              'hotline_checked_on': '2026-12-01',
                              'hotline_note': 'W+. vCards lists 4008895580 without a label.'},
                  'due_cutoff': {'due_cutoff': '17:00',
                                 'due_cutoff_certainty': 'none',
                                 'due_cutoff_source': '',
                                 'due_cutoff_quote': '',
                                 'due_cutoff_checked_on': '2026-12-01',
                                 'due_cutoff_note': 'No source gives a cutoff on the due date '
                                                    "itself. Today's stored 17:00 is what the "
                                                    'sources give as the end time on the last '
                                                    'grace day (17:00 on the 4th day after the '
                                                    'due date); it is moved to grace.ends_at '
                                                    '(§3 item 1). Proposed planning value: '
                                                    '17:00 on the due date — the earliest time '
                                                    'any source names for this bank. If the '
                                                    'real cutoff is later, paying by then '
                                                    'costs nothing; a later guess could cost a '
                                                    'late fee.'},
                  'grace': {'grace_days': 3,
                            'grace_ends_at': '17:00',
                            'grace_needs_request': False,
                            'grace_request_how_zh': '',
                            'grace_request_how_en': '',
                            'grace_uses_per_year': None,
                            'grace_tolerance_yuan': None,
                            'grace_certainty': 'weak',
                            'grace_source': 'https://wodefinance.com/Creditcardoverdue/uqysiiaesh.html '
                                            '; '
                                            'https://wodefinance.com/Creditcardoverdue/derjizuoua.html '
                                            '; '
                                            'https://wodefinance.com/Creditcardoverdue/wpounbakro.html '
                                            '; '
                                            'https://wodefinance.com/Creditcardoverdue/voyjqemqeg.html',
                            'grace_quote': '"repayment can be pushed back to the credit card '
                                           'account before the fourth day 17:00"; "repayment '
                                           'before 17:00 on the evening of the fourth day '
                                           'after repayment is deemed as timely"; "The grace '
                                           'period for PSBC credit cards is 4 days"',
                            'grace_checked_on': '2026-12-01',
                            'grace_note': 'Sources (W+; two cite PSBC customer service or its '
                                          'WeChat account) say 4 days, until 17:00 on the 4th '
                                          "day after the due date; today's record says 3 days, "
                                          '17:00. The safer 3 days is used, ending 17:00. '
                                          "Today's record cites a psbc.com page it calls "
                                          'official (…/202010/t20201026_35031.html); it is not '
                                          'in the fact sheet, so nothing here is upgraded. '
                                          'Worth re-checking that page first.'},
                  'late_fee': {'late_fee_zh': '公开资料称:未还的最低还款额部分收 5% 违约金,最低 10 元,另按每天万分之五计息。这是 '
                                              '2017、2021 年前的统一标准,现在以你的信用卡合同为准。',
                               'late_fee_en': 'Public sources say: 5% of the unpaid part of '
                                              'the minimum payment, at least CNY 10, plus '
                                              '0.05% a day interest. Those are the old uniform '
                                              'rules (before 2017 and 2021); today your card '
                                              'contract decides.',
                               'late_fee_certainty': 'weak',
                               'late_fee_source': 'https://wodefinance.com/Creditcardoverdue/mmwrclhdee.html '
                                                  '; '
                                                  'https://wodefinance.com/Creditcardoverdue/wpounbakro.html',
                               'late_fee_quote': '"5% of the unpaid part of the minimum '
                                                 'repayment amount, with a minimum of 10 yuan"',
                               'late_fee_checked_on': '2026-12-01',
                               'late_fee_note': 'Old wording (§2.3).'},
                  'autopay': {'autopay_available': True,
                              'autopay_how_zh': '绑定本人邮储借记卡,开通自动还款,还款日扣款。前一天存够钱。',
                              'autopay_how_en': 'Link your own PSBC debit card and turn on '
                                                'automatic repayment; it is charged on the due '
                                                'date. Have the money in the day before.',
                              'autopay_certainty': 'weak',
                              'autopay_source': 'https://wodefinance.com/Creditcardoverdue/mmwrclhdee.html',
                              'autopay_quote': '"bind the debit card account of Postal Savings '
                                               'Bank and enable automatic repayment"',
                              'autopay_checked_on': '2026-12-01',
                              'autopay_note': ''},
                  'repay_path': {'repay_path_zh': '邮储银行 App → 信用卡 → 还款',
                                 'repay_path_en': 'PSBC app → Credit card → Repay',
                                 'repay_path_certainty': 'none',
                                 'repay_path_source': '',
                                 'repay_path_quote': '',
                                 'repay_path_checked_on': '2026-12-01',
                                 'repay_path_note': 'No in-app path in the fact sheet; this is '
                                                    "today's stored path, unsourced."}},
          'tiers': []}}


def _time(value):
    return dt.time.fromisoformat(value) if isinstance(value, str) else value


def _stored(value):
    """The shipped JSON value as the database field holds it."""
    if isinstance(value, str) and len(value) == 5 and value[2] == ":":
        return _time(value)
    return value


def _as_field(name, value):
    if value is None:
        return None
    if name.endswith("_checked_on"):
        return dt.date.fromisoformat(value)
    if name in ("due_cutoff", "grace_ends_at"):
        return _time(value)
    if name == "grace_tolerance_yuan":
        return Decimal(value)
    return value


def correct(apps, schema_editor):
    Provider = apps.get_model("providers", "Provider")
    GraceTierRecord = apps.get_model("providers", "GraceTierRecord")
    for provider in Provider.objects.filter(slug__in=SHIPPED):
        shipped = SHIPPED[provider.slug]
        changed = False
        for fact, old_values in shipped["old"].items():
            untouched = getattr(provider, f"{fact}_source") == shipped["old_source"] and all(
                getattr(provider, name) == _stored(value) for name, value in old_values.items()
            )
            if not untouched:
                continue
            for name, value in shipped["new"][fact].items():
                setattr(provider, name, _as_field(name, value))
            changed = True
            if fact == "grace":
                GraceTierRecord.objects.filter(provider=provider).delete()
                for number, tier in enumerate(shipped["tiers"], start=1):
                    GraceTierRecord.objects.create(
                        provider=provider,
                        display_order=number,
                        code=tier["code"],
                        label_zh=tier["label_zh"],
                        label_en=tier["label_en"],
                        grace_days=tier["grace_days"],
                        grace_ends_at=_as_field("grace_ends_at", tier["grace_ends_at"]),
                    )
        if changed:
            provider.save()


class Migration(migrations.Migration):
    dependencies = [("providers", "0009_remove_record_wide_provenance")]
    operations = [migrations.RunPython(correct, migrations.RunPython.noop)]
