/*
 * The domain's words, one list per name.  Each word has its enum
 * constant, its code (what the database stores: an ENUM value of
 * sql/schema.sql; what forms and APIs send) and its Chinese label (what
 * every page, export and chart shows: a person never reads a code).
 * Where one wording is not enough there is a phrase, the longer form a
 * resident's status line or the timeline uses; NULL elsewhere.  Pure: no
 * SQL, no HTTP, nothing of ours.
 *
 * A list WORDS_<NAME>(X) calls X(constant, code, label, phrase) once per
 * word, in enum order.  From each list come the enum (ending in __MAX)
 * here and the table word_<name>[] in domain/words.c, indexed by the enum.
 * Add a word to its list and to the schema's ENUM; nothing else.
 */
#ifndef LIANXIN_WORDS_H
#define LIANXIN_WORDS_H

#include <stddef.h>

struct word {
	const char	*code;		/* as stored and sent */
	const char	*label;		/* as shown */
	const char	*phrase;	/* a longer wording, or NULL */
};

/* The index of code in t[n], or -1 (also for NULL). */
int		 word_find(const struct word *t, size_t n, const char *code);
/* The label of code in t[n], or code itself when it is not a word. */
const char	*word_label(const struct word *t, size_t n, const char *code);
/* The phrase of code in t[n], else its label, else code itself. */
const char	*word_phrase(const struct word *t, size_t n, const char *code);

#define WORDS_N(t)		(sizeof(t) / sizeof((t)[0]))
#define WORD_FIND(t, code)	word_find((t), WORDS_N(t), (code))
#define WORD_LABEL(t, code)	word_label((t), WORDS_N(t), (code))
#define WORD_PHRASE(t, code)	word_phrase((t), WORDS_N(t), (code))

/* X for the enums: the constant alone. */
#define WORD_ENUM(e, code, label, phrase)	e,
/* X for a table of { word, constant } pairs: by code, by label. */
#define WORD_BY_CODE(e, code, label, phrase)	{ code, e },
#define WORD_BY_LABEL(e, code, label, phrase)	{ label, e },

/*
 * Service request states (service_requests.state).  Exports and lists
 * show the label; a resident's status line the phrase.
 */
#define WORDS_STATE(X) \
	X(ST_SUBMITTED,	"submitted",	"待受理",	"已提交，待受理") \
	X(ST_ACCEPTED,	"accepted",	"已受理",	NULL) \
	X(ST_ASSIGNED,	"assigned",	"办理中",	NULL) \
	X(ST_RESOLVED,	"resolved",	"已办结",	"已办结，待评价") \
	X(ST_CLOSED,	"closed",	"已完结",	NULL) \
	X(ST_REJECTED,	"rejected",	"未予受理",	NULL)
enum rq_state { WORDS_STATE(WORD_ENUM) ST__MAX };

/*
 * What staff and residents do to a request (domain/flow.h's transition
 * table): the label names the button, the phrase the timeline's entry.
 * ACT_ACCEPT takes it up and sets the resolve deadline; ACT_ASSIGN to a
 * grid worker, Party member or co-building unit; ACT_NOTE an internal
 * note or public reply (keeps the state); ACT_RESOLVE with a public
 * resolution; ACT_REJECT duplicate, spam or out of scope, with a reason;
 * ACT_ESCALATE one handling level up (keeps the state); ACT_REOPEN back
 * to rework after an unsatisfied rating, once; ACT_WITHDRAW staff record
 * that the resident no longer needs it (代群众撤回, with a note of who
 * asked and how; the state becomes rejected with REJECT_WITHDRAWN, so
 * it is neither valid nor resolved in the figures); ACT_RATE the resident's
 * rating, which closes it.
 */
#define WORDS_ACTION(X) \
	X(ACT_ACCEPT,	"accept",	"受理",		"社区已受理") \
	X(ACT_ASSIGN,	"assign",	"派单",		"已派单办理") \
	X(ACT_NOTE,	"note",		"记录 / 答复",	"工作人员答复") \
	X(ACT_RESOLVE,	"resolve",	"办结",		"已办结") \
	X(ACT_REJECT,	"reject",	"不予受理",	"未予受理") \
	X(ACT_ESCALATE,	"escalate",	"上报（吹哨）",	"已上报上级协调办理") \
	X(ACT_REOPEN,	"reopen",	"退回重办",	"退回重办") \
	X(ACT_WITHDRAW,	"withdraw",	"代群众撤回",	"群众撤回了诉求") \
	X(ACT_RATE,	"rate",		"评价",		"群众已评价")
enum rq_action { WORDS_ACTION(WORD_ENUM) ACT__MAX };

/*
 * The events of a request's history (request_events.action): every
 * action above, then two nobody asks for: the submission and the close
 * (after a rating, or by the system when the rating period ends).
 * word_action[] holds all of them.
 */
#define WORDS_EVENT(X) \
	X(EV_SUBMIT,	"submit",	"提交",		"诉求已提交") \
	X(EV_CLOSE,	"close",	"完结",		"已完结") \
	WORDS_EVENT_SUMMONS(X)
/*
 * The steps of a summons (吹哨、报到) on the request's timeline: the
 * handling level summons departments, each reports (accepts) and answers
 * (办结 its part).  The state of the request does not change.  The body
 * names the department, never a person.
 */
#define WORDS_EVENT_SUMMONS(X) \
	X(EV_SUMMON,	"summon",	"吹哨召集",	"已召集职能部门协同办理") \
	X(EV_REPORT,	"report",	"部门报到",	"职能部门已报到") \
	X(EV_ANSWER,	"answer",	"部门办结",	"职能部门已办结")
enum rq_event { EV__ACTIONS = ACT__MAX - 1, WORDS_EVENT(WORD_ENUM) EV__MAX };

/* Who may act: staff roles (users.role) and the resident. */
#define WORDS_STAFF_ROLE(X) \
	X(ROLE_GRID,		"grid_worker",		"网格员",	NULL) \
	X(ROLE_COMMUNITY,	"community_staff",	"社区工作人员",	NULL) \
	X(ROLE_STREET,		"street_official",	"街道干部",	NULL) \
	X(ROLE_DISTRICT,	"district_official",	"区级干部",	NULL) \
	X(ROLE_ADMIN,		"admin",		"管理员",	NULL)
/* A department's staff (issue 19) and a co-building unit's contact (issue
 * 20, on /unit, for its unit only): an account bound to its unit
 * (users.unit_id), acting only on its unit's summons; the users' import,
 * page and command take it with an active unit of the account's region
 * (sql/units.c, db_unit_for_account). */
#define WORDS_DEPT_ROLE(X) \
	X(ROLE_DEPT,		"department_staff",	"部门工作人员",	NULL) \
	X(ROLE_UNIT,		"unit_staff",		"共建单位联络员",	NULL)
#define WORDS_ROLE(X) WORDS_STAFF_ROLE(X) WORDS_DEPT_ROLE(X) \
	X(ROLE_RESIDENT,	"resident",		"居民",		NULL)
enum role { WORDS_ROLE(WORD_ENUM) ROLE__MAX };

/* The level handling a request now (办理层级): service_requests.level. */
#define WORDS_LEVEL(X) \
	X(LV_COMMUNITY,	"community",	"社区",	NULL) \
	X(LV_STREET,	"street",	"街道",	NULL) \
	X(LV_DISTRICT,	"district",	"区",	NULL)
enum rq_level { WORDS_LEVEL(WORD_ENUM) LV__MAX };

/* The channel a request came through (service_requests.source). */
#define WORDS_SOURCE(X) \
	X(SRC_WEB,	"web",		"网上提交",	NULL) \
	X(SRC_OPEN311,	"open311",	"系统接入",	NULL) \
	X(SRC_HOTLINE,	"hotline",	"12345热线",	NULL) \
	X(SRC_VISIT,	"visit",	"来访登记",	NULL)
enum rq_source { WORDS_SOURCE(WORD_ENUM) SRC__MAX };

/* Who acted on a request (request_events.actor_kind). */
#define WORDS_ACTOR(X) \
	X(ACTOR_RESIDENT,	"resident",	"群众",		NULL) \
	X(ACTOR_STAFF,		"staff",	"工作人员",	NULL) \
	X(ACTOR_SYSTEM,		"system",	"系统",		NULL) \
	X(ACTOR_OPEN311,	"open311",	"外部系统",	NULL)
enum actor_kind { WORDS_ACTOR(WORD_ENUM) ACTOR__MAX };

/* A resident's rating of a resolved request (群众评议). */
#define WORDS_RATING(X) \
	X(RATE_SATISFIED,	"satisfied",	"满意",		NULL) \
	X(RATE_BASICALLY,	"basically",	"基本满意",	NULL) \
	X(RATE_UNSATISFIED,	"unsatisfied",	"不满意",	NULL)
enum rating { WORDS_RATING(WORD_ENUM) RATE__MAX };

/* Why a request was not taken up (service_requests.reject_reason). */
#define WORDS_REJECT(X) \
	X(REJECT_DUPLICATE,	"duplicate",	"重复诉求",	NULL) \
	X(REJECT_SPAM,		"spam",		"无效信息",	NULL) \
	X(REJECT_OUT_OF_SCOPE,	"out_of_scope",	"不属于受理范围",	NULL) \
	X(REJECT_WITHDRAWN,	"withdrawn",	"群众撤回",	NULL)
/* REJECT_WITHDRAWN comes last and only with ACT_WITHDRAW: the reasons staff
 * choose for 不予受理 are those before it (REJECT_BY_STAFF of them). */
#define REJECT_BY_STAFF	REJECT_WITHDRAWN
enum reject_reason { WORDS_REJECT(WORD_ENUM) REJECT__MAX };

/* A Party member's type (party_members.type). */
#define WORDS_MTYPE(X) \
	X(MTYPE_IN_SERVICE,	"in_service",	"在职",		NULL) \
	X(MTYPE_RETIRED,	"retired",	"离退休",	NULL) \
	X(MTYPE_MOBILE,		"mobile",	"流动",		NULL) \
	X(MTYPE_RESIDENT,	"resident",	"居民",		NULL)
enum member_type { WORDS_MTYPE(WORD_ENUM) MTYPE__MAX };

/* A member's report (报到) as staff decide it (member_reports.state). */
#define WORDS_REPORT(X) \
	X(REPORT_PENDING,	"pending",	"待确认",	NULL) \
	X(REPORT_CONFIRMED,	"confirmed",	"已确认",	NULL) \
	X(REPORT_REJECTED,	"rejected",	"不予确认",	NULL)
enum report_state { WORDS_REPORT(WORD_ENUM) REPORT__MAX };

/* A claim of a service menu item (item_claims.state). */
#define WORDS_CLAIM(X) \
	X(CLAIM_OPEN,		"open",		"已认领",	NULL) \
	X(CLAIM_WITHDRAWN,	"withdrawn",	"已撤回",	NULL) \
	X(CLAIM_COMPLETED,	"completed",	"已完成",	NULL) \
	X(CLAIM_CANCELLED,	"cancelled",	"项目已撤下，认领取消",	NULL)
enum claim_state { WORDS_CLAIM(WORD_ENUM) CLAIM__MAX };

/* The kind of a Party activity (activities.kind). */
#define WORDS_AKIND(X) \
	X(AKIND_PARTY_DAY,	"party_day",	"主题党日",	NULL) \
	X(AKIND_VOLUNTEER,	"volunteer",	"志愿服务",	NULL) \
	X(AKIND_ORG_LIFE,	"org_life",	"组织生活",	NULL) \
	X(AKIND_OTHER,		"other",	"其他",		NULL)
enum activity_kind { WORDS_AKIND(WORD_ENUM) AKIND__MAX };

/*
 * The levels of the region tree; the enum is regions.level (1..4).
 * REGION_ALL is no region: the whole tree, a scope above every district.
 */
#define WORDS_REGION(X) \
	X(REGION_ALL,		"",		"全部",	NULL) \
	WORDS_REGION_LEVEL(X)
#define WORDS_REGION_LEVEL(X) \
	X(REGION_DISTRICT,	"district",	"区",	NULL) \
	X(REGION_STREET,	"street",	"街道",	NULL) \
	X(REGION_COMMUNITY,	"community",	"社区",	NULL) \
	X(REGION_GRID,		"grid",		"网格",	NULL)
enum region_level { WORDS_REGION(WORD_ENUM) REGION__MAX };

/*
 * Handling units (units.kind): departments (职能部门: 城管, 市场监管,
 * 司法所, 派出所, 住建 ...) summoned to requests, and co-building units
 * (共建单位) requests can be assigned to; and 两新 organisations known
 * only for their star ratings (issue 22).
 */
#define WORDS_UNIT_KIND(X) \
	X(UNIT_DEPARTMENT,	"department",	"职能部门",	NULL) \
	X(UNIT_COBUILD,		"cobuild",	"共建单位",	NULL) \
	X(UNIT_ORG,		"org",		"两新组织",	NULL)
enum unit_kind { WORDS_UNIT_KIND(WORD_ENUM) UNIT__MAX };

/* A summons of a department to a request (summons.state). */
#define WORDS_SUMMONS(X) \
	X(SM_ISSUED,	"issued",	"待报到",	NULL) \
	X(SM_ACCEPTED,	"accepted",	"已报到",	NULL) \
	X(SM_ANSWERED,	"answered",	"已办结",	NULL)
enum summons_state { WORDS_SUMMONS(WORD_ENUM) SM__MAX };

/* What a summoned department does (domain/summons.h's table). */
#define WORDS_SUMMONS_ACTION(X) \
	X(SMA_ACCEPT,	"accept",	"报到",		"报到（接收）") \
	X(SMA_ANSWER,	"answer",	"办结",		"办结（答复）")
enum summons_action { WORDS_SUMMONS_ACTION(WORD_ENUM) SMA__MAX };
/* The kind of a staff note (request_events.note_kind). */
#define WORDS_NOTE_KIND(X) \
	X(NOTE_PLAIN,		"note",		"记录 / 答复",	NULL) \
	X(NOTE_FOLLOWUP,	"followup",	"回访记录",	NULL) \
	X(NOTE_SUPPLEMENT,	"supplement",	"代群众补充信息",	NULL)
enum note_kind { WORDS_NOTE_KIND(WORD_ENUM) NOTE__MAX };

/*
 * Co-building (共驻共建, issue 20; migration 0020).  A co-building
 * unit's kind (units.org_kind); the last two are 两新组织.
 */
#define WORDS_UNIT_ORG(X) \
	X(ORG_AGENCY,		"agency",	"机关",		NULL) \
	X(ORG_INSTITUTION,	"institution",	"事业单位",	NULL) \
	X(ORG_STATE_FIRM,	"state_firm",	"国有企业",	NULL) \
	X(ORG_PRIVATE_FIRM,	"private_firm",	"非公企业",	NULL) \
	X(ORG_SOCIAL_ORG,	"social_org",	"社会组织",	NULL)
enum unit_org { WORDS_UNIT_ORG(WORD_ENUM) UNIT_ORG__MAX };

/* What a commitment, need or resource is (commitments.kind, ...). */
#define WORDS_CB_KIND(X) \
	X(CBK_VENUE,		"venue",	"场地",		NULL) \
	X(CBK_VOLUNTEERS,	"volunteers",	"志愿者",	NULL) \
	X(CBK_FUNDS,		"funds",	"资金",		NULL) \
	X(CBK_EXPERTISE,	"expertise",	"专业服务",	NULL) \
	X(CBK_GOODS,		"goods",	"物资",		NULL)
enum cb_kind { WORDS_CB_KIND(WORD_ENUM) CBK__MAX };

#define WORDS_AGREEMENT(X) \
	X(AGR_DRAFT,	"draft",	"草拟",		NULL) \
	X(AGR_SIGNED,	"signed",	"已签订",	NULL) \
	X(AGR_ENDED,	"ended",	"已终止",	NULL)
enum agreement_state { WORDS_AGREEMENT(WORD_ENUM) AGR__MAX };

#define WORDS_COMMITMENT(X) \
	X(CMT_OPEN,		"open",		"待兑现",	NULL) \
	X(CMT_FULFILLED,	"fulfilled",	"已兑现待确认",	NULL) \
	X(CMT_CONFIRMED,	"confirmed",	"已确认",	NULL)
enum commitment_state { WORDS_COMMITMENT(WORD_ENUM) CMT__MAX };

#define WORDS_NEED(X) \
	X(NEED_OPEN,		"open",		"待认领",	NULL) \
	X(NEED_CLAIMED,		"claimed",	"已认领",	NULL) \
	X(NEED_DONE,		"done",		"已办结",	NULL) \
	X(NEED_WITHDRAWN,	"withdrawn",	"已撤回",	NULL)
enum need_state { WORDS_NEED(WORD_ENUM) NEED__MAX };

#define WORDS_RESOURCE(X) \
	X(RES_OPEN,		"open",		"可预约",	NULL) \
	X(RES_WITHDRAWN,	"withdrawn",	"已撤下",	NULL)
enum resource_state { WORDS_RESOURCE(WORD_ENUM) RES__MAX };

#define WORDS_BOOKING(X) \
	X(BK_REQUESTED,		"requested",	"待确认",	NULL) \
	X(BK_CONFIRMED,		"confirmed",	"已确认",	NULL) \
	X(BK_DECLINED,		"declined",	"已婉拒",	NULL) \
	X(BK_CANCELLED,		"cancelled",	"已取消",	NULL)
enum booking_state { WORDS_BOOKING(WORD_ENUM) BK__MAX };

#define WORDS_PROJECT(X) \
	X(PRJ_PLANNING,		"planning",	"计划中",	NULL) \
	X(PRJ_RUNNING,		"running",	"实施中",	NULL) \
	X(PRJ_DONE,		"done",		"已办结",	NULL) \
	X(PRJ_CANCELLED,	"cancelled",	"已终止",	NULL)
enum project_state { WORDS_PROJECT(WORD_ENUM) PRJ__MAX };

#define WORDS_MEETING(X) \
	X(MTG_REGULAR,	"regular",	"联席会议（例会）",	NULL) \
	X(MTG_URGENT,	"urgent",	"急事共商",		NULL)
enum meeting_kind { WORDS_MEETING(WORD_ENUM) MTG__MAX };

#define WORDS_DECISION(X) \
	X(DEC_OPEN,	"open",		"办理中",	NULL) \
	X(DEC_DONE,	"done",		"已办结",	NULL)
enum decision_state { WORDS_DECISION(WORD_ENUM) DEC__MAX };

#define WORDS_WISH(X) \
	X(WISH_OPEN,		"open",		"待认领",	NULL) \
	X(WISH_CLAIMED,		"claimed",	"已认领",	NULL) \
	X(WISH_FULFILLED,	"fulfilled",	"已实现待确认",	NULL) \
	X(WISH_CONFIRMED,	"confirmed",	"已实现",	NULL) \
	X(WISH_WITHDRAWN,	"withdrawn",	"已撤回",	NULL)
enum wish_state { WORDS_WISH(WORD_ENUM) WISH__MAX };

#define WORDS_WISH_CLAIM(X) \
	X(WCL_OPEN,		"open",		"进行中",	NULL) \
	X(WCL_FULFILLED,	"fulfilled",	"已实现",	NULL) \
	X(WCL_LAPSED,		"lapsed",	"逾期退回",	NULL) \
	X(WCL_RELEASED,		"released",	"主动放弃",	NULL)
enum wish_claim_outcome { WORDS_WISH_CLAIM(WORD_ENUM) WCL__MAX };

/* 双向评议: who rates whom (evaluations.direction); ratings are
 * WORDS_RATING's. */
#define WORDS_EVAL_DIR(X) \
	X(EVD_C2U,	"community_rates_unit",	"社区评单位",	NULL) \
	X(EVD_U2C,	"unit_rates_community",	"单位评社区",	NULL)
enum eval_direction { WORDS_EVAL_DIR(WORD_ENUM) EVD__MAX };

/*
 * Assessment (考评, issue 22; migration 0030).  What a scheme assesses,
 * where an indicator's value comes from, a round's states, a frozen
 * value's flag; star ratings' six groups and steps.
 */
#define WORDS_ASSESS_TARGET(X) \
	X(AT_COMMUNITY,	"community",	"社区",		NULL) \
	X(AT_STREET,	"street",	"街道",		NULL) \
	X(AT_ORG,	"org",		"两新组织",	NULL)
enum assess_target { WORDS_ASSESS_TARGET(WORD_ENUM) AT__MAX };

#define WORDS_ASSESS_SOURCE(X) \
	X(AS_FIGURE,	"figure",	"系统数据",	NULL) \
	X(AS_SCORE,	"score",	"考评打分",	NULL) \
	X(AS_BALLOT,	"ballot",	"民主测评",	NULL)
enum assess_source { WORDS_ASSESS_SOURCE(WORD_ENUM) AS__MAX };

#define WORDS_ROUND(X) \
	X(RND_DRAFT,		"draft",	"草拟",		NULL) \
	X(RND_OPEN,		"open",		"进行中",	NULL) \
	X(RND_CLOSED,		"closed",	"已结束",	NULL) \
	X(RND_PUBLISHED,	"published",	"已公布",	NULL)
enum round_state { WORDS_ROUND(WORD_ENUM) RND__MAX };

#define WORDS_RESULT_FLAG(X) \
	X(RFLAG_OK,		"ok",		"",		NULL) \
	X(RFLAG_EMPTY,		"empty",	"无数据",	NULL) \
	X(RFLAG_INSUFFICIENT,	"insufficient",	"参评率不足",	NULL) \
	X(RFLAG_FEW,		"few",		"样本不足",	NULL)
enum result_flag { WORDS_RESULT_FLAG(WORD_ENUM) RFLAG__MAX };

#define WORDS_STAR_GROUP(X) \
	X(SG_COMMITTEE,	"committee",	"党组织班子",	NULL) \
	X(SG_MEMBERS,	"members",	"党员队伍",	NULL) \
	X(SG_BUSINESS,	"business",	"生产经营",	NULL) \
	X(SG_CULTURE,	"culture",	"企业文化",	NULL) \
	X(SG_LABOUR,	"labour",	"劳动关系",	NULL) \
	X(SG_SOCIETY,	"society",	"社会评价",	NULL)
enum star_group { WORDS_STAR_GROUP(WORD_ENUM) SG__MAX };

#define WORDS_STAR_STATE(X) \
	X(STAR_DRAFT,		"draft",	"自评中",	NULL) \
	X(STAR_SELF,		"self",		"已自评待初评",	NULL) \
	X(STAR_STREET,		"street",	"已初评待认定",	NULL) \
	X(STAR_CONFIRMED,	"confirmed",	"已认定",	NULL)
enum star_state { WORDS_STAR_STATE(WORD_ENUM) STAR__MAX };

/* The audit log's assessment actions (never who voted what). */
#define WORDS_AUDIT_ASSESS(X) \
	X(AUD_AS_SCHEME,	"as_scheme",		"制定考评方案",	NULL) \
	X(AUD_AS_SCHEME_VERSION, "as_scheme_version",	"考评方案新版本", NULL) \
	X(AUD_AS_ROUND,		"as_round",		"新建考评轮次",	NULL) \
	X(AUD_AS_ROUND_STATE,	"as_round_state",	"考评轮次状态变更", NULL) \
	X(AUD_AS_SCORE,		"as_score",		"考评打分",	NULL) \
	X(AUD_AS_CODES,		"as_codes",		"发放测评码",	NULL) \
	X(AUD_AS_PUBLISH,	"as_publish",		"公布考评结果",	NULL) \
	X(AUD_AS_ORG_IMPORT,	"as_org_import",	"导入两新组织",	NULL) \
	X(AUD_AS_STAR_ITEMS,	"as_star_items",	"设置星级评定细则", NULL) \
	X(AUD_AS_STAR_SELF,	"as_star_self",		"星级自评",	NULL) \
	X(AUD_AS_STAR_STREET,	"as_star_street",	"星级初评",	NULL) \
	X(AUD_AS_STAR_DISTRICT,	"as_star_district",	"星级认定",	NULL) \
	X(AUD_AS_STAR_RETURN,	"as_star_return",	"星级评定退回",	NULL)
/* The steps of an agreement's timeline (agreement_events.action,
 * migration 0022). */
#define WORDS_CB_EVENT(X) \
	X(CBE_CREATED,		"created",	"登记协议",	NULL) \
	X(CBE_COMMITMENT,	"commitment",	"登记承诺事项",	NULL) \
	X(CBE_SIGNED,		"signed",	"签订协议",	NULL) \
	X(CBE_ENDED,		"ended",	"终止协议",	NULL) \
	X(CBE_FULFILLED,	"fulfilled",	"登记兑现",	NULL) \
	X(CBE_CONFIRMED,	"confirmed",	"确认兑现",	NULL) \
	X(CBE_RETURNED,		"returned",	"退回待兑现",	NULL) \
	X(CBE_RATED,		"rated",	"双向评议",	NULL)
enum cb_event { WORDS_CB_EVENT(WORD_ENUM) CBE__MAX };

/* The audit log's co-building actions. */
#define WORDS_AUDIT_COBUILD(X) \
	X(AUD_CB_UNIT_EDIT,	"cb_unit_edit",		"修改共建单位",	NULL) \
	X(AUD_CB_UNIT_IMPORT,	"cb_unit_import",	"导入共建单位",	NULL) \
	X(AUD_CB_COMMITTEE,	"cb_committee",		"调整大党委兼职委员", NULL) \
	X(AUD_CB_AGREEMENT,	"cb_agreement",		"登记共建协议",	NULL) \
	X(AUD_CB_AGREEMENT_STATE, "cb_agreement_state",	"变更协议状态",	NULL) \
	X(AUD_CB_COMMITMENT,	"cb_commitment",	"登记承诺事项",	NULL) \
	X(AUD_CB_FULFIL,	"cb_fulfil",		"登记承诺兑现",	NULL) \
	X(AUD_CB_CONFIRM,	"cb_confirm",		"确认承诺兑现",	NULL) \
	X(AUD_CB_EVALUATE,	"cb_evaluate",		"双向评议",	NULL) \
	X(AUD_CB_NEED,		"cb_need",		"发布需求",	NULL) \
	X(AUD_CB_NEED_WITHDRAW,	"cb_need_withdraw",	"撤回需求",	NULL) \
	X(AUD_CB_NEED_CLAIM,	"cb_need_claim",	"认领需求",	NULL) \
	X(AUD_CB_RESOURCE,	"cb_resource",		"发布资源",	NULL) \
	X(AUD_CB_RESOURCE_WITHDRAW, "cb_resource_withdraw", "撤下资源",	NULL) \
	X(AUD_CB_BOOK,		"cb_book",		"预约资源",	NULL) \
	X(AUD_CB_BOOK_DECIDE,	"cb_book_decide",	"确认或婉拒预约", NULL) \
	X(AUD_CB_PROJECT,	"cb_project",		"登记共建项目",	NULL) \
	X(AUD_CB_MILESTONE,	"cb_milestone",		"完成项目节点",	NULL) \
	X(AUD_CB_PROJECT_CLOSE,	"cb_project_close",	"项目办结",	NULL) \
	X(AUD_CB_MEETING,	"cb_meeting",		"登记联席会议",	NULL) \
	X(AUD_CB_DECISION_DONE,	"cb_decision_done",	"议定事项办结",	NULL) \
	X(AUD_CB_WISH,		"cb_wish",		"发布微心愿",	NULL) \
	X(AUD_CB_WISH_WITHDRAW,	"cb_wish_withdraw",	"撤回微心愿",	NULL) \
	X(AUD_CB_WISH_CLAIM,	"cb_wish_claim",	"认领微心愿",	NULL) \
	X(AUD_CB_WISH_FULFIL,	"cb_wish_fulfil",	"微心愿已实现",	NULL) \
	X(AUD_CB_WISH_CONFIRM,	"cb_wish_confirm",	"确认微心愿实现", NULL)

/*
 * What the audit log records (audit_log.action) besides the request
 * actions above (whose codes it uses as they are): logins, users, the
 * members' pages (member_ and the action's name) and exports.
 */
#define WORDS_AUDIT(X) \
	X(AUD_LOGIN,		"login",		"登录",		NULL) \
	X(AUD_LOGIN_FAILED,	"login_failed",		"登录失败",	NULL) \
	X(AUD_LOGIN_THROTTLED,	"login_throttled",	"登录受限（尝试过多）", NULL) \
	X(AUD_LOGOUT,		"logout",		"退出",		NULL) \
	X(AUD_EXPORT,		"export",		"导出",		NULL) \
	X(AUD_USER_CREATE,	"user_create",		"新建用户",	NULL) \
	X(AUD_USER_PASSWORD,	"user_password",	"重设密码",	NULL) \
	X(AUD_USER_DISABLE,	"user_disable",		"停用用户",	NULL) \
	X(AUD_USER_ENABLE,	"user_enable",		"启用用户",	NULL) \
	X(AUD_M_ADD,		"member_add",		"添加党员",	NULL) \
	X(AUD_M_IMPORT,		"member_import",	"导入党员名册",	NULL) \
	X(AUD_M_CONFIRM,		"member_confirm",	"确认报到",	NULL) \
	X(AUD_M_REJECT,		"member_reject",	"不予确认报到",	NULL) \
	X(AUD_M_CODE,		"member_code",		"生成党员验证码", NULL) \
	X(AUD_M_ITEM,		"member_item",		"发布服务项目",	NULL) \
	X(AUD_M_ITEM_EDIT,	"member_item_edit",	"修改服务项目",	NULL) \
	X(AUD_M_ITEM_WITHDRAW,	"member_item_withdraw",	"撤下服务项目",	NULL) \
	X(AUD_M_COMPLETE,	"member_complete",	"认领标记完成",	NULL) \
	X(AUD_M_ACTIVITY,	"member_activity",	"新建活动",	NULL) \
	X(AUD_M_PARTICIPATION,	"member_participation",	"记录活动参与",	NULL) \
	X(AUD_M_FIND,		"member_find",		"查找党员",	NULL) \
	X(AUD_M_PHONES,		"member_phones",	"按手机号记录参与", NULL) \
	X(AUD_UNIT_CREATE,	"unit_create",		"新建单位",	NULL) \
	X(AUD_UNIT_DISABLE,	"unit_disable",		"停用单位",	NULL) \
	X(AUD_UNIT_ENABLE,	"unit_enable",		"启用单位",	NULL) \
	WORDS_AUDIT_COBUILD(X) \
	WORDS_AUDIT_ASSESS(X)
enum audit_action { WORDS_AUDIT(WORD_ENUM) AUD__MAX };

extern const struct word word_state[ST__MAX];
extern const struct word word_action[EV__MAX];	/* actions, then events */
extern const struct word word_role[ROLE__MAX];
extern const struct word word_level[LV__MAX];
extern const struct word word_source[SRC__MAX];
extern const struct word word_actor[ACTOR__MAX];
extern const struct word word_rating[RATE__MAX];
extern const struct word word_reject[REJECT__MAX];
extern const struct word word_mtype[MTYPE__MAX];
extern const struct word word_report[REPORT__MAX];
extern const struct word word_claim[CLAIM__MAX];
extern const struct word word_akind[AKIND__MAX];
extern const struct word word_region[REGION__MAX];
extern const struct word word_unit_kind[UNIT__MAX];
extern const struct word word_summons[SM__MAX];
extern const struct word word_summons_action[SMA__MAX];
extern const struct word word_note_kind[NOTE__MAX];
extern const struct word word_audit[AUD__MAX];
extern const struct word word_unit_org[UNIT_ORG__MAX];
extern const struct word word_cb_kind[CBK__MAX];
extern const struct word word_agreement[AGR__MAX];
extern const struct word word_commitment[CMT__MAX];
extern const struct word word_need[NEED__MAX];
extern const struct word word_resource[RES__MAX];
extern const struct word word_booking[BK__MAX];
extern const struct word word_project[PRJ__MAX];
extern const struct word word_meeting[MTG__MAX];
extern const struct word word_decision[DEC__MAX];
extern const struct word word_wish[WISH__MAX];
extern const struct word word_wish_claim[WCL__MAX];
extern const struct word word_eval_dir[EVD__MAX];
extern const struct word word_assess_target[AT__MAX];
extern const struct word word_assess_source[AS__MAX];
extern const struct word word_round[RND__MAX];
extern const struct word word_result_flag[RFLAG__MAX];
extern const struct word word_star_group[SG__MAX];
extern const struct word word_star_state[STAR__MAX];
extern const struct word word_cb_event[CBE__MAX];

#endif
