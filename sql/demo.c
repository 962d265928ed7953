/*
 * `lianxin demo`: a deterministic demo data set.  The same seed and the
 * same --until give the same rows, except users.password_hash (argon2id
 * with a random salt, as everywhere).
 *
 * One district, 6 streets, 36 communities, ~200 grids, the 12 categories,
 * 7 staff accounts, ~1800 Party members with service menus, claims,
 * activities and participation, and N service requests received over the
 * 365 days before --until with their whole event history.
 *
 * Each phase (and each request) draws from its own splitmix64 stream.
 * Rows go out through MariaDB array binding: a batch of a few thousand
 * rows is one bulk INSERT (autocommit: one transaction), sent by a writer
 * thread with its own connection while the next batch is generated, so
 * requests and events load in parallel.  Ids are explicit: events refer
 * to their requests without reading anything back, and memory stays
 * bounded whatever N is.
 */
#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mysql.h>
#include <sodium.h>

#include "admin.h"
#include "config.h"
#include "db.h"

#define HOUR	3600L
#define DAY	86400L
#define LOCAL	(8 * HOUR)	/* the demo's local time: UTC+8 */
#define YEAR	(365 * DAY)
#define NHOUR	(365 * 24)
#define MAXCOL	32		/* columns of the widest INSERT */
#define MAXEV	16		/* events of one request, at most */
#define NCOMM	48		/* room for the communities of streets[] */

enum dsql {
	DSQL_LOCK,
	DSQL_UNLOCK,
	DSQL_HAS_DATA,
	DSQL_SESSION,
	DSQL_ANALYZE,
	DSQL_REGION,
	DSQL_CATEGORY,
	DSQL_USER,
	DSQL_MEMBER,
	DSQL_ITEM,
	DSQL_CLAIM,
	DSQL_ACTIVITY,
	DSQL_PARTICIPATION,
	DSQL_REQUEST,
	DSQL_EVENT,
	DSQL_MREPORT,
	DSQL__MAX
};

static const char *const dsqls[DSQL__MAX] = {
	/* DSQL_LOCK: one demo load at a time */
	"SELECT GET_LOCK('lianxin.demo', 0)",
	/* DSQL_UNLOCK */
	"SELECT RELEASE_LOCK('lianxin.demo')",
	/* DSQL_HAS_DATA: 1 when data the demo would mix with exist */
	"SELECT EXISTS(SELECT 1 FROM regions) OR EXISTS(SELECT 1 FROM users) "
	"OR EXISTS(SELECT 1 FROM service_requests) "
	"OR EXISTS(SELECT 1 FROM party_members)",
	/* DSQL_SESSION: every connection; the rows are generated consistent */
	"SET time_zone = '+00:00', unique_checks = 0, foreign_key_checks = 0, "
	"@lianxin_bulk = 1",
	/* DSQL_ANALYZE: statistics of what a bulk load filled; InnoDB's own
	 * recalculation lags behind it and plans made meanwhile on "0 rows"
	 * can be slow by orders of magnitude */
	"ANALYZE TABLE regions, categories, users, party_members, "
	"member_reports, service_items, item_claims, activities, "
	"participation, service_requests, request_events, stats_day, "
	"stats_dayc, stats_month, stats_monthc",
	/* DSQL_REGION */
	"INSERT INTO regions (id, parent_id, level, code, name, district_id, "
	"street_id, community_id, sort) VALUES (?,?,?,?,?,?,?,?,?)",
	/* DSQL_CATEGORY */
	"INSERT INTO categories (id, code, name, description, response_hours, "
	"resolve_days, active, sort) VALUES (?,?,?,?,?,?,1,?)",
	/* DSQL_USER */
	"INSERT INTO users (id, username, display_name, role, region_id, "
	"password_hash, created_at) VALUES (?,?,?,?,?,?,?)",
	/* DSQL_MEMBER */
	"INSERT INTO party_members (id, community_id, name, phone, type, "
	"employer, reported_at, report_expires_at, created_at) "
	"VALUES (?,?,?,?,?,?,?,?,?)",
	/* DSQL_ITEM */
	"INSERT INTO service_items (id, community_id, category_id, name, "
	"description, capacity, claimed, starts_on, ends_on) "
	"VALUES (?,?,?,?,?,?,?,?,?)",
	/* DSQL_CLAIM */
	"INSERT INTO item_claims (id, item_id, member_id, state, claimed_at, "
	"closed_at) VALUES (?,?,?,?,?,?)",
	/* DSQL_ACTIVITY */
	"INSERT INTO activities (id, community_id, title, kind, held_on, hours) "
	"VALUES (?,?,?,?,?,?)",
	/* DSQL_PARTICIPATION */
	"INSERT INTO participation (activity_id, member_id, held_on, hours) "
	"VALUES (?,?,?,?)",
	/* DSQL_REQUEST */
	"INSERT INTO service_requests (id, tracking_no, category_id, "
	"district_id, street_id, community_id, grid_id, address, description, "
	"lat, lng, resident_name, resident_phone, source, state, level, "
	"max_level, received_at, accepted_at, assigned_at, resolved_at, "
	"closed_at, rejected_at, reject_reason, response_due, resolve_due, "
	"resolution, rating, rated_at, rating_comment, reopen_count, version) "
	"VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
	"?,?)",
	/* DSQL_EVENT */
	"INSERT INTO request_events (id, request_id, at, actor_kind, actor_id, "
	"action, from_state, to_state, level, public, body) "
	"VALUES (?,?,?,?,?,?,?,?,?,?,?)",
	/* DSQL_MREPORT */
	"INSERT INTO member_reports (community_id, name, phone, type, "
	"employer, consent_at, submitted_at, state, member_id, decided_at) "
	"VALUES (?,?,?,?,?,?,?,'confirmed',?,?)",
};

/*
 * Parameter types of the INSERTs, one letter per ?: i integer, s string
 * of at most 128 bytes, S string of at most 512 bytes, t DATETIME (UTC),
 * d DATE (local).
 */
static const char *const dcols[DSQL__MAX] = {
	NULL, NULL, NULL, NULL, NULL,
	"iiissiiii",				/* DSQL_REGION */
	"issSiii",				/* DSQL_CATEGORY */
	"isssist",				/* DSQL_USER */
	"iissssttt",				/* DSQL_MEMBER */
	"iiissiidd",				/* DSQL_ITEM */
	"iiistt",				/* DSQL_CLAIM */
	"iissds",				/* DSQL_ACTIVITY */
	"iids",					/* DSQL_PARTICIPATION */
	"isiiiiisSssssssssttttttsttSstsii",	/* DSQL_REQUEST */
	"iitsissssiS",				/* DSQL_EVENT */
	"issssttit",				/* DSQL_MREPORT */
};

static const struct celltype {
	char			 letter;
	enum enum_field_types	 type;
	size_t			 size;	/* bytes of the value */
} celltypes[] = {
	{ 'i', MYSQL_TYPE_LONGLONG, sizeof(long long) },
	{ 's', MYSQL_TYPE_STRING, 128 },
	{ 'S', MYSQL_TYPE_STRING, 512 },
	{ 't', MYSQL_TYPE_DATETIME, sizeof(MYSQL_TIME) },
	{ 'd', MYSQL_TYPE_DATE, sizeof(MYSQL_TIME) },
};

/* ---- names and templates ------------------------------------------ */

static const struct street {
	const char	*name;
	const char	*comms[8];	/* its communities, NULL-terminated */
} streets[] = {
	{ "西兴街道", { "星民社区", "西兴社区", "缤纷社区", "湘滨社区",
	    "官河社区", "铁岭社区" } },
	{ "长河街道", { "长河社区", "江二社区", "山一社区", "塘子堰社区",
	    "汤家井社区", "槐树社区", "岩山社区" } },
	{ "浦沿街道", { "浦沿社区", "东冠社区", "杨家墩社区", "新生社区",
	    "冠山社区" } },
	{ "江南街道", { "闻涛社区", "春波社区", "月明社区", "钱塘社区",
	    "滨文社区", "彩虹城社区" } },
	{ "白马湖街道", { "白马湖社区", "东信社区", "阡陌社区", "江虹社区",
	    "万家花城社区", "丹枫社区" } },
	{ "信诚街道", { "信诚社区", "建业社区", "滨康社区", "和美社区",
	    "锦绣社区", "华晨社区" } },
};
#define NSTREET	((int)(sizeof(streets) / sizeof(streets[0])))

enum { CAT_ENV, CAT_PARKING, CAT_PROPERTY, CAT_ELDERCARE, CAT_DISPUTE,
    CAT_MUNICIPAL, CAT_NOISE, CAT_SAFETY, CAT_WELFARE, CAT_HEALTH, CAT_LEGAL,
    CAT_OTHER, CAT__MAX };

static const struct category {
	const char	*code, *name;
	int		 hours, days;	/* response and resolve limits */
	int		 weight;	/* share of requests, percent */
	double		 escalate;	/* chance to go above the community */
	const char	*desc;
	const char	*texts[3];	/* descriptions; %s is a place */
	const char	*fixes[2];	/* resolutions */
} cats[CAT__MAX] = {
	{ "env", "环境卫生", 24, 3, 18, 0.03,
	  "垃圾清运、卫生死角、绿化养护等居住环境问题。",
	  { "%s的垃圾桶满了好几天没人清运，气味很大，希望尽快处理。",
	    "%s有一处卫生死角堆满了建筑垃圾，影响居民通行。",
	    "%s的绿化带长期无人修剪，杂草丛生，蚊虫很多。" },
	  { "已安排保洁人员清运垃圾并对周边消杀，纳入每日巡查。",
	    "已联系环卫所清理卫生死角，并设置提醒标识。" } },
	{ "parking", "停车管理", 24, 5, 14, 0.08,
	  "乱停乱放、车位占用、充电桩等停车问题。",
	  { "%s经常有车辆乱停，堵住了消防通道，请加强管理。",
	    "%s的共享单车和电动车停放混乱，老人出行不便。",
	    "我在%s的固定车位最近经常被外来车辆占用。" },
	  { "已联系交警和物业劝离乱停车辆，并在路口加装隔离桩。",
	    "已协调物业加强车位管理，外来车辆登记后方可进入。" } },
	{ "property", "物业服务", 24, 7, 16, 0.08,
	  "物业管理、设施报修、收费争议等物业问题。",
	  { "%s的电梯这周坏了两次，物业维修很慢，老人上下楼困难。",
	    "%s的楼道灯坏了很久，物业一直没有来修。",
	    "%s外墙渗水，家里墙面发霉，联系物业多次未果。" },
	  { "已督促物业完成维修，社区将跟踪后续维保情况。",
	    "已召集物业和业主代表协商，维修方案已落实。" } },
	{ "eldercare", "养老服务", 12, 5, 6, 0.03,
	  "独居老人关爱、助餐助浴、居家养老等需求。",
	  { "%s有位独居老人最近行动不便，希望社区能定期上门看看。",
	    "家里老人住在%s，想申请社区助餐服务，请问怎么办理？",
	    "希望在%s增设老年人休息座椅和扶手。" },
	  { "已安排网格员和党员志愿者结对，每周上门探访一次。",
	    "已为老人办理助餐服务，可在社区食堂就餐或送餐上门。" } },
	{ "dispute", "矛盾纠纷", 12, 10, 7, 0.14,
	  "邻里、家庭、物业与业主之间的矛盾纠纷调解。",
	  { "邻居在%s长期堆放杂物，多次沟通无果，希望社区调解。",
	    "与邻居因%s的公共区域使用产生纠纷，请社区帮助协调。",
	    "%s的商铺油烟直排，与居民多次发生争执。" },
	  { "社区调解员已组织双方面对面协商，达成调解协议。",
	    "已联合物业和人民调解委员会调解，双方均表示认可。" } },
	{ "municipal", "市政设施", 24, 7, 10, 0.16,
	  "道路破损、路灯、井盖、排水等市政设施问题。",
	  { "%s的路灯已经一个多星期不亮了，晚上走路很不安全。",
	    "%s的人行道地砖松动破损，下雨后严重积水。",
	    "%s有个井盖缺失，存在安全隐患，请尽快修复。" },
	  { "已报市政部门维修，现已恢复正常。",
	    "已联系养护单位完成修复，并加装警示标志。" } },
	{ "noise", "噪音扰民", 4, 3, 9, 0.05,
	  "装修、商铺、夜间施工、广场舞等噪音扰民问题。",
	  { "%s每天晚上十点后还有广场舞音响，影响休息。",
	    "%s有住户周末一早就开始装修，噪音很大。",
	    "%s附近的工地夜间施工，机器声音持续到凌晨。" },
	  { "已与相关方沟通，约定活动音量和时间，将持续跟踪。",
	    "已联合城管执法队现场处置，施工方已调整作业时间。" } },
	{ "safety", "治安隐患", 4, 3, 5, 0.06,
	  "消防通道堵塞、电动车违规充电、可疑人员等隐患。",
	  { "%s有居民在楼道里给电动车充电，存在火灾隐患。",
	    "%s的消防通道被杂物堵塞，请尽快清理。",
	    "最近%s经常有陌生人徘徊，希望加强巡逻。" },
	  { "已组织消防安全检查并清理通道，对违规充电进行劝导。",
	    "已通报派出所加强巡逻，并完善小区门禁管理。" } },
	{ "welfare", "社会保障", 24, 10, 5, 0.05,
	  "低保、医保、社保、就业帮扶等事项的咨询与办理。",
	  { "住在%s，想咨询灵活就业人员社保缴纳的办理流程。",
	    "家里有残疾人，住在%s，想了解能否申请相关补贴。",
	    "住在%s，失业后想申请就业帮扶，社区有哪些岗位推荐？" },
	  { "已向居民说明办理流程和所需材料，并协助完成线上申请。",
	    "已转交街道社保服务中心办理，进展将电话告知。" } },
	{ "health", "医疗健康", 24, 7, 4, 0.03,
	  "家庭医生签约、慢病随访、疫苗接种等健康服务。",
	  { "想为家里老人签约家庭医生，请问%s附近的服务站在哪里？",
	    "%s附近的社区卫生服务站周末不开门，希望延长服务时间。",
	    "希望在%s组织一次免费的血压血糖检测。" },
	  { "已协调社区卫生服务站安排家庭医生上门签约。",
	    "已与卫生服务中心对接，将定期开展免费健康检测。" } },
	{ "legal", "法律援助", 48, 15, 3, 0.10,
	  "法律咨询、法律援助申请、合同与劳动纠纷指引。",
	  { "%s附近的装修公司拖欠工程款，想咨询法律援助。",
	    "租住在%s，房东拒不退还押金，想请社区提供法律咨询。",
	    "住在%s，被拖欠工资三个月，请问怎么申请劳动仲裁？" },
	  { "已安排社区法律顾问提供咨询，并指引申请法律援助。",
	    "已协助居民准备材料并转介法律援助中心。" } },
	{ "other", "其他", 24, 7, 3, 0.03,
	  "不属于以上类别的其他诉求和意见建议。",
	  { "建议在%s增加一个快递柜，方便居民收取快递。",
	    "%s的公告栏信息太旧，希望及时更新社区活动通知。",
	    "希望在%s增设儿童游乐设施。" },
	  { "感谢建议，社区已采纳并列入近期工作计划。",
	    "已转交相关部门研究办理，结果将及时公示。" } },
};

static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨",
    "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林",
    "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "沈", "钱", "蒋", "陆", "金", "方" };
static const char *const givens[] = { "伟", "芳", "秀英", "敏", "静", "丽",
    "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰",
    "霞", "平", "刚", "桂英", "建华", "志强", "海燕", "玉兰", "文博", "子涵",
    "雨桐", "浩然", "欣怡", "俊杰", "晓燕", "丽华", "国强", "建国", "淑珍",
    "红梅", "晨", "婷", "佳怡", "宇轩", "志刚", "美玲", "振华", "慧" };
/* Estates are named after their community: 星民社区, 星民花园. */
static const char *const estate_kinds[] = { "花园", "新村", "家园", "公寓" };
static const char *const roads[] = { "幸福路", "建设路", "人民路", "江南大道",
    "滨盛路", "长河路", "浦沿路", "东信大道", "江虹路", "春波路", "月明路",
    "闻涛路", "西兴路", "白马湖路", "信诚路", "火炬大道" };
static const char *const spots[] = { "东门", "北门", "地下车库", "单元楼道",
    "健身广场", "垃圾投放点", "沿街商铺", "幼儿园门口", "公交站",
    "菜市场", "小区花园", "3幢楼下" };
static const char *const mobile[] = { "138", "139", "137", "136", "135",
    "150", "151", "152", "158", "159", "182", "183", "187", "188", "130",
    "131", "132", "155", "156", "185", "186", "133", "153", "180", "181",
    "189", "177", "199", "166", "175" };
static const char *const employers[] = { "区税务局", "市第一人民医院",
    "国网供电公司滨江分公司", "区人民法院", "区教育局", "滨江第一中学",
    "区市场监管局", "中国移动滨江分公司", "区卫生健康局", "杭州银行滨江支行",
    "区城市管理局", "区人力社保局", "区财政局", "市第二人民医院",
    "区检察院", "区发展改革局" };
/* Percent of each enum member_type. */
static const int member_weights[MTYPE__MAX] = { 55, 25, 8, 12 };

static const struct menu {
	int		 cat;
	const char	*name, *desc;
} menus[] = {
	{ CAT_ELDERCARE, "独居老人结对探访", "每周上门探望结对老人一次，了解生活需求。" },
	{ CAT_ENV, "垃圾分类督导", "在投放点引导居民正确分类投放。" },
	{ CAT_PARKING, "文明停车劝导", "早晚高峰劝导车辆有序停放。" },
	{ CAT_LEGAL, "法律咨询坐诊", "每月在社区服务中心提供一次法律咨询。" },
	{ CAT_HEALTH, "义诊与健康讲座", "为居民测量血压血糖，讲解慢病防治。" },
	{ CAT_OTHER, "四点半课堂", "为双职工家庭的孩子辅导课后作业。" },
	{ CAT_DISPUTE, "邻里矛盾调解", "协助人民调解员化解邻里纠纷。" },
	{ CAT_SAFETY, "消防安全巡查", "检查楼道堆物和电动车违规充电。" },
	{ CAT_ELDERCARE, "助老送餐", "为行动不便的老人送餐上门。" },
	{ CAT_SAFETY, "防诈骗宣传", "入户和在广场宣传防范电信诈骗知识。" },
	{ CAT_WELFARE, "惠民政策宣讲", "讲解社保、医保等惠民政策。" },
	{ CAT_OTHER, "爱心义剪", "为老人和残疾人免费理发。" },
};
#define NMENU	((int)(sizeof(menus) / sizeof(menus[0])))

/* Activity kinds by enum activity_kind: title (%d month, %s topic), topics,
 * weight. */
static const struct kind {
	const char	*title;
	const char	*topics[6];
	int		 weight;	/* of the second activity of a month */
} kinds[AKIND__MAX] = {
	{ "%d月主题党日：%s", { "垃圾分类宣传", "学习党的二十大精神",
	    "重温入党誓词", "参观红色教育基地", "文明城市创建",
	    "走访慰问困难党员" }, 0 },
	{ "%d月志愿服务：%s", { "社区环境大扫除", "关爱独居老人",
	    "反诈宣传进楼道", "文明停车劝导", "义诊进社区",
	    "防汛安全检查" }, 60 },
	{ "%d月组织生活会：%s", { "学习党章党规", "民主评议党员",
	    "批评与自我批评", "专题学习研讨", "党费收缴与公示",
	    "发展党员工作" }, 25 },
	{ "%d月党员议事会：%s", { "小区加装电梯", "老旧小区改造",
	    "停车难问题", "垃圾分类点位调整", "邻里节筹备",
	    "社区食堂运营" }, 15 },
};

/* ---- request states, actions and their words ---------------------- */

/* The words are domain/words.h's; the state before the first event: */
#define ST_NONE	ST__MAX
static const int src_weights[SRC__MAX] = { 70, 7, 15, 8 };	/* percent */
/* Who submits through each channel: the 12345 hotline posts through
 * Open311. */
static const enum actor_kind submitters[SRC__MAX] = {
	[SRC_WEB] = ACTOR_RESIDENT, [SRC_OPEN311] = ACTOR_OPEN311,
	[SRC_HOTLINE] = ACTOR_OPEN311, [SRC_VISIT] = ACTOR_RESIDENT,
};
/* Not rated: */
#define RT_NONE	RATE__MAX
static const char *const rt_comments[RATE__MAX][2] = {
	{ "处理很及时，谢谢社区！", "网格员态度很好，点赞。" },
	{ "问题基本解决，希望后续保持。", "处理得还行，就是慢了点。" },
	{ "问题没有根本解决。", "处理太慢了，一直没人联系我。" },
};
static const int reason_weights[REJECT__MAX] = { 50, 25, 25 };
static const char *const reason_texts[] = {
	"与已受理的诉求重复，将合并处理。",
	"内容无法核实或与社区服务无关。",
	"不属于社区受理范围，已告知居民向相关部门反映。",
};

/* Weight of new requests by local hour: few at night. */
static const double hour_weights[24] = { 0.15, 0.1, 0.07, 0.06, 0.06, 0.1,
    0.3, 0.7, 1.2, 1.6, 1.7, 1.5, 1.0, 1.1, 1.5, 1.6, 1.5, 1.2, 0.9, 1.0,
    1.0, 0.8, 0.5, 0.3 };

/* The staff accounts, ids 1.. in this order. */
enum { U_ADMIN = 1, U_DISTRICT, U_STREET1, U_COMMUNITY1, U_COMMUNITY2,
    U_GRID1, U_GRID2, U__END };
static const struct demo_user {
	const char	*username, *display;
	enum role	 role;
	int		 level;		/* of the home region, 1..4 */
	int		 nth;		/* 0 first of that level, 1 second */
} users[U__END - 1] = {
	{ "admin", "系统管理员", ROLE_ADMIN, 1, 0 },
	{ "district", "王建国", ROLE_DISTRICT, 1, 0 },
	{ "street1", "李慧", ROLE_STREET, 2, 0 },
	{ "community1", "张敏", ROLE_COMMUNITY, 3, 0 },
	{ "community2", "刘洋", ROLE_COMMUNITY, 3, 1 },
	{ "grid1", "陈伟", ROLE_GRID, 4, 0 },
	{ "grid2", "赵静", ROLE_GRID, 4, 1 },
};

/* ---- deterministic random numbers (splitmix64) --------------------- */

struct rng {
	uint64_t	 s;
};

static uint64_t
rnd(struct rng *r)
{
	uint64_t	 z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* The stream for (seed, phase, n), independent of every other one. */
static void
rnd_init(struct rng *r, uint64_t seed, uint64_t phase, uint64_t n)
{
	r->s = seed;
	r->s = rnd(r) ^ (phase * 0xd1b54a32d192ed03ULL);
	r->s = rnd(r) ^ (n * 0x8cb92ba72f3d8dd7ULL);
}

/* Uniform in [0, 1). */
static double
unit(struct rng *r)
{
	return (double)(rnd(r) >> 11) * 0x1.0p-53;
}

/* Uniform in 0..n-1. */
static int
below(struct rng *r, int n)
{
	return (int)(unit(r) * n);
}

static double
range(struct rng *r, double lo, double hi)
{
	return lo + (hi - lo) * unit(r);
}

static bool
chance(struct rng *r, double p)
{
	return unit(r) < p;
}

/* An index drawn by integer weights. */
static int
weighted(struct rng *r, const int *w, int n)
{
	int	 i, sum = 0, x;

	for (i = 0; i < n; i++)
		sum += w[i];
	x = below(r, sum);
	for (i = 0; i < n - 1 && x >= w[i]; i++)
		x -= w[i];
	return i;
}

#define NELEM(a)	((int)(sizeof(a) / sizeof((a)[0])))
#define PICK(r, a)	((a)[below((r), NELEM(a))])
#define WEIGHTED(r, w)	weighted((r), (w), NELEM(w))

/* ---- bulk INSERT batches ------------------------------------------- */

/*
 * Rows of one INSERT bound row-wise (STMT_ATTR_ROW_SIZE): a row holds,
 * per column, the value, its length and its indicator.  Rows are filled
 * by row_begin() and put_*() in column order.  A full batch changes
 * places with the spare one, which a writer thread sends on its own
 * connection as one array execution.  Errors are sticky.
 */
struct batch {
	MYSQL		*my;		/* the writer's connection */
	MYSQL_STMT	*st;
	const char	*name, *types;	/* table; dcols[] entry */
	size_t		 ncol, rowsz, col; /* columns; row bytes; next column */
	size_t		 off[MAXCOL];	/* cell offsets in a row */
	const struct celltype *ct[MAXCOL];
	unsigned char	*fill, *send, *row; /* rows filled; sent; current */
	unsigned int	 n, nsend, cap;	/* rows in fill; in send; capacity */
	long long	 total;		/* rows sent */
	bool		 failed, quit, started;
	pthread_t	 thread;
	pthread_mutex_t	 mu;		/* guards nsend, total, failed, quit */
	pthread_cond_t	 cv;
};

/* Connect with the demo's session settings; NULL after a message. */
static MYSQL *
connect_db(const struct config *c)
{
	MYSQL		*my;
	unsigned int	 timeout = (unsigned int)c->db_connect_timeout;

	if ((my = mysql_init(NULL)) == NULL)
		return NULL;
	mysql_options(my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(my, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	if (mysql_real_connect(my, c->db_socket[0] ? "localhost" : c->db_host,
	    c->db_user, c->db_password, c->db_name, (unsigned)c->db_port,
	    c->db_socket[0] ? c->db_socket : NULL, 0) == NULL ||
	    mysql_real_query(my, dsqls[DSQL_SESSION],
	    strlen(dsqls[DSQL_SESSION])) != 0) {
		fprintf(stderr, "lianxin: demo: cannot connect: %s\n",
		    mysql_error(my));
		mysql_close(my);
		return NULL;
	}
	return my;
}

/* Execute the send rows as one array; returns 0 or -1 (message printed). */
static int
batch_send(struct batch *b)
{
	MYSQL_BIND	 bind[MAXCOL];
	unsigned int	 n = b->nsend;
	unsigned char	*cell;
	size_t		 c;

	memset(bind, 0, sizeof(bind));
	for (c = 0; c < b->ncol; c++) {
		cell = b->send + b->off[c];
		bind[c].buffer_type = b->ct[c]->type;
		bind[c].buffer = cell;
		bind[c].buffer_length = b->ct[c]->size;
		if (b->ct[c]->type == MYSQL_TYPE_STRING)
			bind[c].length = (unsigned long *)(cell + b->ct[c]->size);
		bind[c].u.indicator = (char *)cell + b->ct[c]->size +
		    sizeof(unsigned long);
	}
	if (mysql_stmt_attr_set(b->st, STMT_ATTR_ARRAY_SIZE, &n) != 0 ||
	    mysql_stmt_attr_set(b->st, STMT_ATTR_ROW_SIZE, &b->rowsz) != 0 ||
	    mysql_stmt_bind_param(b->st, bind) != 0 ||
	    mysql_stmt_execute(b->st) != 0) {
		fprintf(stderr, "lianxin: demo: %s: %s\n", b->name,
		    mysql_stmt_error(b->st));
		return -1;
	}
	return 0;
}

/* The writer thread: sends what batch_flush() hands over, until quit. */
static void *
batch_writer(void *arg)
{
	struct batch	*b = arg;
	int		 rc;

	mysql_thread_init();
	pthread_mutex_lock(&b->mu);
	for (;;) {
		while (b->nsend == 0 && !b->quit)
			pthread_cond_wait(&b->cv, &b->mu);
		if (b->nsend == 0)
			break;
		pthread_mutex_unlock(&b->mu);
		rc = batch_send(b);
		pthread_mutex_lock(&b->mu);
		if (rc == -1)
			b->failed = true;
		else
			b->total += b->nsend;
		b->nsend = 0;
		pthread_cond_broadcast(&b->cv);
	}
	pthread_mutex_unlock(&b->mu);
	mysql_thread_end();
	return NULL;
}

/*
 * Connect, prepare sql, lay the rows out and start the writer.  Returns
 * 0, or -1 after a message (batch_close() still needed).
 */
static int
batch_open(struct batch *b, const struct config *cfg, enum dsql sql,
    const char *name, unsigned int cap)
{
	size_t		 c, k;

	memset(b, 0, sizeof(*b));
	b->name = name;
	b->types = dcols[sql];
	b->ncol = strlen(b->types);
	b->cap = cap;
	for (c = 0; c < b->ncol; c++) {
		for (k = 0; celltypes[k].letter != b->types[c]; k++)
			continue;
		b->ct[c] = &celltypes[k];
		b->off[c] = b->rowsz;
		b->rowsz += (celltypes[k].size + sizeof(unsigned long) + 8) &
		    ~(size_t)7;
	}
	if ((b->fill = calloc(cap, b->rowsz)) == NULL ||
	    (b->send = calloc(cap, b->rowsz)) == NULL) {
		fprintf(stderr, "lianxin: demo: out of memory\n");
		return -1;
	}
	if ((b->my = connect_db(cfg)) == NULL)
		return -1;
	if ((b->st = mysql_stmt_init(b->my)) == NULL ||
	    mysql_stmt_prepare(b->st, dsqls[sql], strlen(dsqls[sql])) != 0 ||
	    mysql_stmt_param_count(b->st) != b->ncol) {
		fprintf(stderr, "lianxin: demo: %s: cannot prepare: %s\n", name,
		    b->st ? mysql_stmt_error(b->st) : "out of memory");
		return -1;
	}
	pthread_mutex_init(&b->mu, NULL);
	pthread_cond_init(&b->cv, NULL);
	if (pthread_create(&b->thread, NULL, batch_writer, b) != 0) {
		fprintf(stderr, "lianxin: demo: cannot start a thread\n");
		return -1;
	}
	b->started = true;
	return 0;
}

/* True once a batch failed to go in. */
static bool
batch_failed(struct batch *b)
{
	bool	 failed;

	pthread_mutex_lock(&b->mu);
	failed = b->failed;
	pthread_mutex_unlock(&b->mu);
	return failed;
}

/* Hand the filled rows to the writer once it is free. */
static void
batch_flush(struct batch *b)
{
	unsigned char	*t;

	pthread_mutex_lock(&b->mu);
	while (b->nsend != 0)
		pthread_cond_wait(&b->cv, &b->mu);
	if (b->n > 0 && !b->failed) {
		t = b->send, b->send = b->fill, b->fill = t;
		b->nsend = b->n;
		pthread_cond_broadcast(&b->cv);
	}
	pthread_mutex_unlock(&b->mu);
	b->n = 0;
}

/* Send what is left and stop the writer; returns 0 or -1 if any failed. */
static int
batch_close(struct batch *b)
{
	int	 rc = -1;

	if (b->started) {
		batch_flush(b);
		pthread_mutex_lock(&b->mu);
		b->quit = true;
		pthread_cond_broadcast(&b->cv);
		pthread_mutex_unlock(&b->mu);
		pthread_join(b->thread, NULL);
		pthread_mutex_destroy(&b->mu);
		pthread_cond_destroy(&b->cv);
		rc = b->failed ? -1 : 0;
	}
	if (b->st != NULL)
		mysql_stmt_close(b->st);
	if (b->my != NULL)
		mysql_close(b->my);
	free(b->fill);
	free(b->send);
	b->started = false;
	b->st = NULL;
	b->my = NULL;
	b->fill = b->send = NULL;
	return rc;
}

/* Start a row, handing the batch over first when it is full. */
static void
row_begin(struct batch *b)
{
	if (b->n == b->cap)
		batch_flush(b);
	b->row = b->fill + (size_t)b->n * b->rowsz;
	b->col = 0;
}

/* Finish a row; every column must have been put. */
static void
row_end(struct batch *b)
{
	if (b->col != b->ncol) {
		fprintf(stderr, "lianxin: demo: %s: %zu of %zu columns\n",
		    b->name, b->col, b->ncol);
		abort();
	}
	b->n++;
}

/*
 * The next cell, which must be of type letter ('s' also takes 'S', '*'
 * any); sets its indicator and, for strings, its length.
 */
static unsigned char *
cell(struct batch *b, char letter, char indicator, unsigned long len)
{
	unsigned char	*p;
	char		 have = b->col < b->ncol ? b->types[b->col] : '?';
	size_t		 size;

	if (have == '?' || (have != letter && letter != '*' &&
	    !(letter == 's' && have == 'S'))) {
		fprintf(stderr, "lianxin: demo: %s: column %zu is '%c', not "
		    "'%c'\n", b->name, b->col, have, letter);
		abort();
	}
	size = b->ct[b->col]->size;
	p = b->row + b->off[b->col++];
	memcpy(p + size, &len, sizeof(len));
	p[size + sizeof(len)] = indicator;
	return p;
}

static void
put_null(struct batch *b)
{
	(void)cell(b, '*', STMT_INDICATOR_NULL, 0);
}

static void
put_i(struct batch *b, long long v)
{
	memcpy(cell(b, 'i', STMT_INDICATOR_NONE, 0), &v, sizeof(v));
}

/* An id, or NULL for 0. */
static void
put_ref(struct batch *b, long long v)
{
	if (v == 0)
		put_null(b);
	else
		put_i(b, v);
}

/* A string (NULL for NULL), cut at a character boundary to fit. */
static void
put_s(struct batch *b, const char *s)
{
	size_t	 len, size;

	if (s == NULL) {
		put_null(b);
		return;
	}
	size = b->col < b->ncol ? b->ct[b->col]->size : 0;
	if ((len = strlen(s)) > size)
		for (len = size; len > 0 && (s[len] & 0xc0) == 0x80; len--)
			continue;
	memcpy(cell(b, 's', STMT_INDICATOR_NONE, len), s, len);
}

/* A DATETIME, or with letter 'd' the local DATE of t; 0 is NULL. */
static void
put_time(struct batch *b, time_t t, char letter)
{
	MYSQL_TIME	 m;
	struct tm	 tm;

	if (t == 0) {
		put_null(b);
		return;
	}
	if (letter == 'd')
		t += LOCAL;
	gmtime_r(&t, &tm);
	memset(&m, 0, sizeof(m));
	m.year = (unsigned)tm.tm_year + 1900;
	m.month = (unsigned)tm.tm_mon + 1;
	m.day = (unsigned)tm.tm_mday;
	m.time_type = MYSQL_TIMESTAMP_DATE;
	if (letter == 't') {
		m.hour = (unsigned)tm.tm_hour;
		m.minute = (unsigned)tm.tm_min;
		m.second = (unsigned)tm.tm_sec;
		m.time_type = MYSQL_TIMESTAMP_DATETIME;
	}
	memcpy(cell(b, letter, STMT_INDICATOR_NONE, 0), &m, sizeof(m));
}

#define put_t(b, t)	put_time((b), (t), 't')
#define put_d(b, t)	put_time((b), (t), 'd')

/* ---- the world: regions, people and their character ---------------- */

struct community {
	unsigned	 id, street_id;	/* region ids */
	int		 street, sort;	/* index into streets[]; among siblings */
	const char	*name;
	unsigned	 grid0;		/* region id of its first grid */
	int		 ngrid;
	double		 weight;	/* relative number of requests */
	double		 quality;	/* handling: 0 poor .. 1 excellent */
	double		 report;	/* share of in-service members reported */
	double		 partic;	/* chance a member joins an activity */
	double		 lat, lng;	/* centre */
	int		 mem0, nmem;	/* its slice of world.mem */
};

struct member {
	unsigned	 id;
	int		 type;		/* enum db_mtype */
	time_t		 reported;	/* last report, 0 = never */
	int		 open;		/* open claims */
};

struct world {
	const struct config *cfg;
	const struct demo_opts *o;
	uint64_t	 seed;
	time_t		 until, start;	/* data lie in [start, until) */
	struct community comm[NCOMM];
	int		 ncomm, ngrid;
	double		 cweight;	/* sum of community weights */
	struct member	*mem;
	int		 nmem, nreported;
	long long	 items, claims, activities, participation, events;
	double		 hcum[NHOUR + 1]; /* cumulative weight of the hours */
};

enum phase { PH_REGIONS = 1, PH_MEMBERS, PH_ITEMS, PH_ACTIVITIES,
    PH_REQUESTS };

/*
 * Each community's place in the tree and character: size, handling
 * quality (three clearly better, three clearly worse), reporting (three
 * clearly lower), participation, position.
 */
static void
plan_regions(struct world *w)
{
	struct community *c;
	struct rng	 r;
	unsigned	 id = 2 + NSTREET, gid;
	int		 s, k, i, t, order[NCOMM];

	rnd_init(&r, w->seed, PH_REGIONS, 0);
	for (s = 0; s < NSTREET; s++)
		for (k = 0; streets[s].comms[k] != NULL; k++) {
			c = &w->comm[w->ncomm++];
			c->id = id++;
			c->street = s;
			c->sort = k;
			c->street_id = 2 + (unsigned)s;
			c->name = streets[s].comms[k];
			c->ngrid = 4 + below(&r, 4);
			c->weight = range(&r, 0.6, 1.6);
			c->quality = range(&r, 0.45, 0.85);
			c->report = range(&r, 0.8, 0.95);
			c->partic = range(&r, 0.12, 0.5);
			c->lat = 30.17 + 0.05 * unit(&r);
			c->lng = 120.13 + 0.11 * unit(&r);
			w->cweight += c->weight;
		}
	for (gid = id, i = 0; i < w->ncomm; i++) {
		w->comm[i].grid0 = gid;
		gid += (unsigned)w->comm[i].ngrid;
		w->ngrid += w->comm[i].ngrid;
		order[i] = i;
	}
	for (i = w->ncomm - 1; i > 0; i--) {
		k = below(&r, i + 1);
		t = order[i], order[i] = order[k], order[k] = t;
	}
	for (i = 0; i < 3; i++) {
		w->comm[order[i]].quality = range(&r, 0.95, 1.0);
		w->comm[order[i + 3]].quality = range(&r, 0.05, 0.15);
		w->comm[order[i + 6]].report = range(&r, 0.3, 0.45);
	}
}

/* One regions row; street and community 0 are NULL. */
static void
region_row(struct batch *b, unsigned id, unsigned parent, int level,
    const char *code, const char *name, unsigned street, unsigned comm,
    int sort)
{
	row_begin(b);
	put_i(b, id); put_ref(b, parent); put_i(b, level); put_s(b, code);
	put_s(b, name); put_i(b, 1); put_ref(b, street); put_ref(b, comm);
	put_i(b, sort);
	row_end(b);
}

/* The region tree with administrative codes; returns 0 or -1. */
static int
load_regions(struct world *w)
{
	const struct community *c;
	struct batch	 b;
	char		 code[40], name[96];
	int		 s, i, g;

	if (batch_open(&b, w->cfg, DSQL_REGION, "regions", 500) == -1)
		return batch_close(&b);
	region_row(&b, 1, 0, 1, "330108", "滨江区", 0, 0, 0);
	for (s = 0; s < NSTREET; s++) {
		snprintf(code, sizeof(code), "330108%03d", s + 1);
		region_row(&b, 2 + (unsigned)s, 1, 2, code, streets[s].name,
		    2 + (unsigned)s, 0, s);
	}
	for (i = 0; i < w->ncomm; i++) {
		c = &w->comm[i];
		snprintf(code, sizeof(code), "330108%03d%03d", c->street + 1,
		    c->sort + 1);
		region_row(&b, c->id, c->street_id, 3, code, c->name,
		    c->street_id, c->id, c->sort);
		for (g = 0; g < c->ngrid; g++) {
			snprintf(code, sizeof(code), "330108%03d%03d%03d",
			    c->street + 1, c->sort + 1, g + 1);
			snprintf(name, sizeof(name), "%s第%d网格", c->name,
			    g + 1);
			region_row(&b, c->grid0 + (unsigned)g, c->id, 4, code,
			    name, c->street_id, c->id, g);
		}
	}
	return batch_close(&b);
}

/* The 12 categories in their fixed order; returns 0 or -1. */
static int
load_categories(struct world *w)
{
	struct batch	 b;
	int		 i;

	if (batch_open(&b, w->cfg, DSQL_CATEGORY, "categories", 16) == -1)
		return batch_close(&b);
	for (i = 0; i < CAT__MAX; i++) {
		row_begin(&b);
		put_i(&b, i + 1); put_s(&b, cats[i].code);
		put_s(&b, cats[i].name); put_s(&b, cats[i].desc);
		put_i(&b, cats[i].hours); put_i(&b, cats[i].days);
		put_i(&b, i + 1);
		row_end(&b);
	}
	return batch_close(&b);
}

/* Home region of user u (0-based) and its name. */
static unsigned
user_region(const struct world *w, int u, char *name, size_t sz)
{
	const struct community *c = &w->comm[users[u].nth];

	switch (users[u].level) {
	case 1:
		snprintf(name, sz, "滨江区");
		return 1;
	case 2:
		snprintf(name, sz, "%s", streets[0].name);
		return w->comm[0].street_id;
	case 3:
		snprintf(name, sz, "%s", c->name);
		return c->id;
	default:
		snprintf(name, sz, "%s第%d网格", w->comm[0].name,
		    users[u].nth + 1);
		return w->comm[0].grid0 + (unsigned)users[u].nth;
	}
}

/* The staff accounts, all with DEMO_PASSWORD; returns 0 or -1. */
static int
load_users(struct world *w)
{
	struct batch	 b;
	char		 hash[crypto_pwhash_STRBYTES], name[96];
	unsigned	 region;
	int		 u, rc = 0;

	if (sodium_init() < 0) {
		fprintf(stderr, "lianxin: demo: libsodium does not start\n");
		return -1;
	}
	if (batch_open(&b, w->cfg, DSQL_USER, "users", 8) == -1)
		return batch_close(&b);
	for (u = 0; u < U__END - 1; u++) {
		if (crypto_pwhash_str(hash, DEMO_PASSWORD,
		    strlen(DEMO_PASSWORD), crypto_pwhash_OPSLIMIT_INTERACTIVE,
		    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
			fprintf(stderr, "lianxin: demo: out of memory\n");
			rc = -1;
			break;
		}
		region = user_region(w, u, name, sizeof(name));
		row_begin(&b);
		put_i(&b, u + 1); put_s(&b, users[u].username);
		put_s(&b, users[u].display); put_s(&b, word_role[users[u].role].code);
		put_i(&b, region); put_s(&b, hash); put_t(&b, w->start);
		row_end(&b);
	}
	return batch_close(&b) == -1 ? -1 : rc;
}

/* A Chinese name: surname and given name. */
static void
person(struct rng *r, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s%s", PICK(r, surnames), PICK(r, givens));
}

/*
 * The Party member rosters, 40..60 per community.  Reported members
 * mostly reported within the last half year (so are current); some
 * lapsed.  Phones are unique: 1395 and a bijection of the id.
 */
static int
load_members(struct world *w)
{
	struct batch	 b, rb;
	struct rng	 r;
	struct member	*m;
	char		 name[64], phone[16];
	const char	*employer;
	double		 p;
	time_t		 created, t;
	int		 i, k, j;

	if ((w->mem = calloc((size_t)w->ncomm * 60, sizeof(*m))) == NULL) {
		fprintf(stderr, "lianxin: demo: out of memory\n");
		return -1;
	}
	if (batch_open(&b, w->cfg, DSQL_MEMBER, "party_members", 2000) == -1)
		return batch_close(&b);
	if (batch_open(&rb, w->cfg, DSQL_MREPORT, "member_reports", 2000) ==
	    -1) {
		(void)batch_close(&b);
		return batch_close(&rb);
	}
	rnd_init(&r, w->seed, PH_MEMBERS, 0);
	for (i = 0; i < w->ncomm; i++) {
		w->comm[i].mem0 = w->nmem;
		w->comm[i].nmem = 40 + below(&r, 21);
		for (k = 0; k < w->comm[i].nmem; k++) {
			m = &w->mem[w->nmem++];
			m->id = (unsigned)w->nmem;
			m->type = WEIGHTED(&r, member_weights);
			p = m->type == MTYPE_IN_SERVICE ? w->comm[i].report :
			    0.9;
			if (chance(&r, p)) {
				m->reported = w->until - (time_t)(chance(&r,
				    p > 0.5 ? 0.85 : 0.5) ? range(&r, 1, 182) :
				    range(&r, 183, 364)) * DAY;
				w->nreported++;
			}
			person(&r, name, sizeof(name));
			snprintf(phone, sizeof(phone), "1395%07u",
			    (unsigned)((m->id * 7919ULL + w->seed) % 10000000));
			employer = m->type == MTYPE_IN_SERVICE ?
			    PICK(&r, employers) : "";
			created = w->start - (time_t)range(&r, 30, 1500) * DAY;
			row_begin(&b);
			put_i(&b, m->id); put_i(&b, w->comm[i].id);
			put_s(&b, name); put_s(&b, phone);
			put_s(&b, word_mtype[m->type].code);
			put_s(&b, employer);
			put_t(&b, m->reported);
			put_t(&b, m->reported ? m->reported + 182 * DAY : 0);
			put_t(&b, created);
			row_end(&b);
			/* The confirmed reports: the last one and, mostly,
			 * the renewals before it (the figures' history). */
			for (j = 0, t = m->reported; m->reported && j < 3 &&
			    t > created; j++) {
				row_begin(&rb);
				put_i(&rb, w->comm[i].id);
				put_s(&rb, name); put_s(&rb, phone);
				put_s(&rb, word_mtype[m->type].code);
				put_s(&rb, employer);
				put_t(&rb, t); put_t(&rb, t);
				put_i(&rb, m->id); put_t(&rb, t);
				row_end(&rb);
				if (chance(&r, 0.2))
					break;
				t -= (time_t)range(&r, 150, 200) * DAY;
			}
		}
	}
	k = batch_close(&rb);
	return batch_close(&b) == -1 || k == -1 ? -1 : 0;
}

/*
 * Claims of one menu item [from, to] by reported members of community c,
 * each member at most once: completed when the item is over, else open;
 * some withdrawn.  Never more open + completed than cap, never more than
 * 2 open per member.  Returns the number claimed (open + completed).
 */
static int
item_claims(struct world *w, struct batch *b, struct rng *r,
    const struct community *c, long long item, int cap, time_t from,
    time_t to)
{
	struct member	*m;
	time_t		 at, end = to < w->until ? to : w->until - HOUR;
	int		 claimed = 0, target, k, first, state;

	target = (int)(cap * range(r, 0.3, 1.0) + 0.5);
	first = below(r, c->nmem);
	/* a stride of 61 is prime to 40..60 members: each one once */
	for (k = 0; claimed < target && k < c->nmem && end > from; k++) {
		m = &w->mem[c->mem0 + (first + 61 * k) % c->nmem];
		if (m->reported == 0 || m->open >= 2 || chance(r, 0.5))
			continue;
		at = from + (time_t)(unit(r) * (double)(end - from) * 0.3);
		state = chance(r, 0.15) ? CLAIM_WITHDRAWN : to < w->until ?
		    CLAIM_COMPLETED : CLAIM_OPEN;
		row_begin(b);
		put_i(b, ++w->claims); put_i(b, item); put_i(b, m->id);
		put_s(b, word_claim[state].code); put_t(b, at);
		put_t(b, state == 0 ? 0 : state == 2 ? to :
		    at + (time_t)(unit(r) * (double)(end - at)));
		row_end(b);
		m->open += state == 0;
		claimed += state != 1;
	}
	return claimed;
}

/* Service menus (4..8 items per community) and their claims. */
static int
load_items(struct world *w)
{
	struct batch	 b, cb;
	struct rng	 r;
	const struct menu *mu;
	time_t		 from, to;
	int		 i, k, n, cap, claimed, rc;

	memset(&cb, 0, sizeof(cb));
	if (batch_open(&b, w->cfg, DSQL_ITEM, "service_items", 500) == -1 ||
	    batch_open(&cb, w->cfg, DSQL_CLAIM, "item_claims", 2000) == -1)
		goto out;
	rnd_init(&r, w->seed, PH_ITEMS, 0);
	for (i = 0; i < w->ncomm; i++)
		for (n = 4 + below(&r, 5), k = below(&r, NMENU); n > 0; n--) {
			mu = &menus[k++ % NMENU];
			cap = 2 + below(&r, 9);
			from = w->start + (time_t)below(&r, 150) * DAY;
			to = from + (time_t)(90 + below(&r, 210)) * DAY;
			claimed = item_claims(w, &cb, &r, &w->comm[i],
			    w->items + 1, cap, from, to);
			row_begin(&b);
			put_i(&b, ++w->items); put_i(&b, w->comm[i].id);
			put_i(&b, mu->cat + 1); put_s(&b, mu->name);
			put_s(&b, mu->desc); put_i(&b, cap);
			put_i(&b, claimed); put_d(&b, from); put_d(&b, to);
			row_end(&b);
		}
out:
	rc = batch_close(&b);
	return batch_close(&cb) == -1 ? -1 : rc;
}

/* One activity of community c on local day `day`, and who took part. */
static void
activity(struct world *w, struct batch *ab, struct batch *pb,
    struct rng *r, const struct community *c, int kind, int month,
    time_t day)
{
	const struct member *m;
	char		 title[160], hrs[8];
	double		 hours = 1.0 + 0.5 * below(r, 7), h;
	int		 k;

	snprintf(title, sizeof(title), kinds[kind].title, month,
	    PICK(r, kinds[kind].topics));
	snprintf(hrs, sizeof(hrs), "%.1f", hours);
	row_begin(ab);
	put_i(ab, ++w->activities); put_i(ab, c->id); put_s(ab, title);
	put_s(ab, word_akind[kind].code); put_d(ab, day); put_s(ab, hrs);
	row_end(ab);
	for (k = 0; k < c->nmem; k++) {
		m = &w->mem[c->mem0 + k];
		if (m->reported == 0 ||
		    !chance(r, c->partic *
		    (m->type == MTYPE_RETIRED ? 1.4 : 1.0)))
			continue;
		h = chance(r, 0.7) ? hours : hours - 0.5 * (1 + below(r, 2));
		snprintf(hrs, sizeof(hrs), "%.1f", h < 0.5 ? 0.5 : h);
		row_begin(pb);
		put_i(pb, w->activities); put_i(pb, m->id); put_d(pb, day);
		put_s(pb, hrs);
		row_end(pb);
		w->participation++;
	}
}

/*
 * Two activities per community and month of the year (a 主题党日 and one
 * other), with participation; returns 0 or -1.
 */
static int
load_activities(struct world *w)
{
	int		 second[NELEM(kinds)];
	struct batch	 ab, pb;
	struct rng	 r;
	struct tm	 tm, d;
	time_t		 last = w->until - 1 + LOCAL, day;
	int		 i, k, j, rc;

	for (k = 0; k < NELEM(kinds); k++)
		second[k] = kinds[k].weight;
	memset(&pb, 0, sizeof(pb));
	if (batch_open(&ab, w->cfg, DSQL_ACTIVITY, "activities", 1000) == -1 ||
	    batch_open(&pb, w->cfg, DSQL_PARTICIPATION, "participation",
	    5000) == -1)
		goto out;
	gmtime_r(&last, &tm);
	rnd_init(&r, w->seed, PH_ACTIVITIES, 0);
	for (i = 0; i < w->ncomm; i++)
		for (k = 12; k >= 0; k--)
			for (j = 0; j < 2; j++) {
				memset(&d, 0, sizeof(d));
				d.tm_year = tm.tm_year;
				d.tm_mon = tm.tm_mon - k;
				d.tm_mday = 1 + below(&r, 28);
				day = timegm(&d) - LOCAL;   /* normalises d */
				if (day >= w->start && day < w->until)
					activity(w, &ab, &pb, &r, &w->comm[i],
					    j == 0 ? AKIND_PARTY_DAY :
					    WEIGHTED(&r, second),
					    d.tm_mon + 1, day);
			}
out:
	rc = batch_close(&ab);
	return batch_close(&pb) == -1 ? -1 : rc;
}

/* ---- service requests ---------------------------------------------- */

struct event {
	time_t		 at;
	int		 kind, actor;	/* enum actor_kind; user id or 0 */
	int		 action, from, to, level;
	bool		 pub;		/* shown to the resident */
	const char	*body;
};

struct request {
	long long	 id;
	int		 cat, comm, grid, source;
	time_t		 recv, acc, asg, res, clo, rej, rated;
	int		 state, level, reason, rating, reopen;
	const char	*resolution, *comment;
	struct event	 ev[MAXEV];
	int		 nev;
};

/* Record an event that takes the request to state `to`. */
static void
event(struct request *q, time_t at, int kind, int actor, int action, int to,
    bool pub, const char *body)
{
	struct event	*e;

	if (q->nev == MAXEV)
		abort();
	e = &q->ev[q->nev++];
	e->at = at;
	e->kind = kind;
	e->actor = kind == ACTOR_STAFF ? actor : 0;
	e->action = action;
	e->from = action == EV_SUBMIT ? ST_NONE : q->state;
	e->to = q->state = to;
	e->level = q->level;
	e->pub = pub;
	e->body = body;
}

/* A rating: better in a good community, worse when late. */
static int
rating(struct rng *r, double quality, bool late)
{
	double	 sat = 0.35 + 0.55 * quality - (late ? 0.15 : 0);
	double	 unsat = 0.02 + 0.2 * (1 - quality) + (late ? 0.1 : 0);
	double	 u = unit(r);

	return u < sat ? RATE_SATISFIED : u < 1 - unsat ?
	    RATE_BASICALLY : RATE_UNSATISFIED;
}

/* The demo user acting on q at its level: grid worker or staff below. */
static int
staff(const struct request *q, bool grid)
{
	if (q->level > LV_COMMUNITY)
		return q->level == LV_DISTRICT ? U_DISTRICT : U_STREET1;
	if (grid)
		return q->grid % 2 ? U_GRID2 : U_GRID1;
	return q->comm % 2 ? U_COMMUNITY2 : U_COMMUNITY1;
}

/*
 * After a resolution at t: the resident's rating (most), a reopen after
 * an unsatisfied one (once; it clears the rating) with a second
 * resolution, and the close: by staff after a rating, by the system 7
 * days after the resolution when unrated.  Stops at the first step that
 * would lie after until.
 */
static void
after_resolve(const struct world *w, struct rng *r, struct request *q,
    time_t t, double quality, bool late)
{
	if (!chance(r, 0.85)) {
		if ((t += 7 * DAY) <= w->until)
			event(q, q->clo = t, ACTOR_SYSTEM, 0, EV_CLOSE, ST_CLOSED,
			    true, "评价期满，系统自动办结。");
		return;
	}
	if ((t += (time_t)range(r, HOUR, 72 * HOUR)) > w->until)
		return;
	q->rated = t;
	q->rating = rating(r, quality, late);
	q->comment = chance(r, 0.4) ? PICK(r, rt_comments[q->rating]) : NULL;
	event(q, t, ACTOR_RESIDENT, 0, ACT_RATE, ST_RESOLVED, true,
	    q->comment ? q->comment : "");
	if (q->rating == RATE_UNSATISFIED && q->reopen == 0 &&
	    chance(r, 0.4)) {
		if ((t += (time_t)range(r, 600, HOUR)) > w->until)
			return;
		q->reopen = 1;
		q->rating = RT_NONE;
		q->rated = 0;
		q->comment = NULL;
		event(q, t, ACTOR_RESIDENT, 0, ACT_REOPEN, ST_ASSIGNED, true,
		    "居民对处理结果不满意，退回重办。");
		if ((t += (time_t)range(r, DAY / 2, 5 * DAY)) > w->until)
			return;
		q->resolution = cats[q->cat].fixes[1];
		event(q, q->res = t, ACTOR_STAFF, staff(q, true), ACT_RESOLVE,
		    ST_RESOLVED, true, q->resolution);
		after_resolve(w, r, q, t, quality + 0.3, true);
		return;
	}
	if ((t += (time_t)range(r, 1800, 24 * HOUR)) <= w->until)
		event(q, q->clo = t, ACTOR_STAFF, staff(q, false), EV_CLOSE,
		    ST_CLOSED, true, "已办结归档。");
}

/*
 * The history of a received request up to until: rejected, or accepted
 * (late more often in a poor community), assigned, maybe escalated to
 * the street and the district, resolved (late more often in a poor
 * community; a few never), then after_resolve().  Fills q's times, state
 * and events.
 */
static void
lifecycle(const struct world *w, struct rng *r, struct request *q)
{
	const struct category *c = &cats[q->cat];
	double		 qual = w->comm[q->comm].quality, f;
	time_t		 t, due = q->recv + c->days * DAY;
	int		 actor;

	event(q, q->recv, submitters[q->source], 0, EV_SUBMIT, ST_SUBMITTED,
	    true, "");
	if (chance(r, 0.035)) {
		t = q->recv + (time_t)(range(r, 0.05, 0.8) * c->hours * HOUR);
		if (t > w->until)
			return;
		q->reason = WEIGHTED(r, reason_weights);
		event(q, q->rej = t, ACTOR_STAFF, staff(q, false), ACT_REJECT,
		    ST_REJECTED, true, reason_texts[q->reason]);
		return;
	}
	f = chance(r, 0.03 + 0.35 * (1 - qual)) ? range(r, 1.05, 3.0) :
	    range(r, 0.03, 0.95);
	if ((t = q->recv + (time_t)(f * c->hours * HOUR)) > w->until)
		return;
	event(q, q->acc = t, ACTOR_STAFF, staff(q, false), ACT_ACCEPT, ST_ACCEPTED,
	    true, "已受理，正在安排处理。");
	if ((t += (time_t)range(r, 600, 6 * HOUR)) > w->until)
		return;
	event(q, q->asg = t, ACTOR_STAFF, staff(q, false), ACT_ASSIGN, ST_ASSIGNED,
	    true, "已派单至网格员，请保持电话畅通。");
	if (chance(r, 0.1)) {
		if ((t += (time_t)range(r, 600, 12 * HOUR)) > w->until)
			return;
		event(q, t, ACTOR_STAFF, staff(q, true), ACT_NOTE, ST_ASSIGNED,
		    false, "已电话联系居民，约定上门查看时间。");
	}
	if (chance(r, c->escalate * (1.5 - qual))) {
		if ((t += (time_t)range(r, 2 * HOUR, 48 * HOUR)) > w->until)
			return;
		actor = staff(q, false);
		q->level = LV_STREET;
		event(q, t, ACTOR_STAFF, actor, ACT_ESCALATE, ST_ASSIGNED, true,
		    "社区协调难度较大，已提请街道协调处理（吹哨报到）。");
		if (chance(r, 0.25)) {
			if ((t += (time_t)range(r, DAY, 3 * DAY)) > w->until)
				return;
			q->level = LV_DISTRICT;
			event(q, t, ACTOR_STAFF, U_STREET1, ACT_ESCALATE,
			    ST_ASSIGNED, true, "街道已提请区级职能部门协同处置。");
		}
	}
	if (chance(r, 0.005 + 0.05 * (1 - qual)))
		return;		/* stalled: never resolved */
	f = chance(r, 0.03 + 0.45 * (1 - qual)) ? range(r, 1.02, 2.2) :
	    0.08 + 0.87 * pow(unit(r), 1.5);
	f *= q->level > LV_COMMUNITY ? 1.25 : 1.0;
	t += (time_t)range(r, 1800, 3 * HOUR);
	if (q->recv + (time_t)(f * c->days * DAY) > t)
		t = q->recv + (time_t)(f * c->days * DAY);
	if (t > w->until)
		return;
	q->resolution = cats[q->cat].fixes[below(r, 2)];
	event(q, q->res = t, ACTOR_STAFF, staff(q, true), ACT_RESOLVE, ST_RESOLVED,
	    true, q->resolution);
	after_resolve(w, r, q, t, qual, t > due);
}

/*
 * Tracking number of request n: an affine bijection of n onto
 * 0..31^8-1 (the multiplier is prime to 31), in base 31 over an alphabet
 * without look-alikes, so numbers are unique without checking.
 */
static void
tracking_no(uint64_t n, uint64_t seed, char out[9])
{
	static const char alpha[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
	const uint64_t	 mod = 852891037441ULL;	/* 31^8 */
	uint64_t	 v;
	int		 i;

	v = (uint64_t)(((unsigned __int128)n * 527110583221ULL +
	    seed * 7919ULL) % mod);
	for (i = 7; i >= 0; i--, v /= 31)
		out[i] = alpha[v % 31];
	out[8] = '\0';
}

/* Cumulative weights of the hours of the year: local hour, weekday, season. */
static void
hour_bins(struct world *w)
{
	struct tm tm;
	time_t	 t;
	int	 h;

	for (h = 0; h < NHOUR; h++) {
		t = w->start + h * HOUR + LOCAL;
		gmtime_r(&t, &tm);
		w->hcum[h + 1] = w->hcum[h] + hour_weights[tm.tm_hour] *
		    (tm.tm_wday == 0 || tm.tm_wday == 6 ? 0.75 : 1.0) *
		    (1 + 0.15 * sin(2 * M_PI * (tm.tm_yday - 100) / 365.0));
	}
}

/*
 * Where, when and what of request i (0-based): the received time is the
 * (i + u)/N quantile of the hourly weights, so ids follow time; *h is
 * the hour cursor, advanced across calls.  Then community (by size),
 * grid, category (by weight) and source.
 */
static void
request_draw(const struct world *w, struct rng *r, long long i, int *h,
    struct request *q)
{
	double		 x;
	int		 k, y;

	memset(q, 0, sizeof(*q));
	q->id = i + 1;
	q->reason = -1;
	q->rating = RT_NONE;
	x = ((double)i + unit(r)) / (double)w->o->requests * w->hcum[NHOUR];
	while (*h < NHOUR - 1 && w->hcum[*h + 1] <= x)
		(*h)++;
	q->recv = w->start + *h * HOUR + (time_t)((x - w->hcum[*h]) /
	    (w->hcum[*h + 1] - w->hcum[*h]) * HOUR);
	if (q->recv >= w->until)
		q->recv = w->until - 1;
	x = unit(r) * w->cweight;
	for (k = 0; k < w->ncomm - 1 && x >= w->comm[k].weight; k++)
		x -= w->comm[k].weight;
	q->comm = k;
	q->grid = below(r, w->comm[k].ngrid);
	for (y = below(r, 100), k = 0; k < CAT__MAX - 1 &&
	    y >= cats[k].weight; k++)
		y -= cats[k].weight;
	q->cat = k;
	q->source = WEIGHTED(r, src_weights);
}

/* Write request q (with address, text, resident) and its events. */
static void
request_put(struct world *w, struct rng *r, const struct request *q,
    struct batch *b, struct batch *eb)
{
	const struct community *c = &w->comm[q->comm];
	const struct event *e;
	char		 s[512], place[96], estate[64], tn[9];
	int		 k;

	snprintf(estate, sizeof(estate), "%.*s%s",
	    (int)(strlen(c->name) - strlen("社区")), c->name,
	    PICK(r, estate_kinds));
	tracking_no((uint64_t)q->id, w->seed, tn);
	row_begin(b);
	put_i(b, q->id); put_s(b, tn); put_i(b, q->cat + 1); put_i(b, 1);
	put_i(b, c->street_id); put_i(b, c->id); put_i(b, c->grid0 + q->grid);
	if (chance(r, 0.3))
		snprintf(s, sizeof(s), "%s%d号", PICK(r, roads),
		    1 + below(r, 400));
	else
		snprintf(s, sizeof(s), "%s%d幢%d单元%d0%d室", estate,
		    1 + below(r, 30), 1 + below(r, 4), 1 + below(r, 18),
		    1 + below(r, 4));
	put_s(b, s);
	snprintf(place, sizeof(place), "%s%s", estate, PICK(r, spots));
	snprintf(s, sizeof(s), PICK(r, cats[q->cat].texts), place);
	put_s(b, s);
	if (q->source <= SRC_OPEN311 && chance(r, 0.6)) {
		snprintf(s, sizeof(s), "%.6f", c->lat + range(r, -.004, .004));
		put_s(b, s);
		snprintf(s, sizeof(s), "%.6f", c->lng + range(r, -.004, .004));
		put_s(b, s);
	} else {
		put_null(b); put_null(b);
	}
	person(r, s, sizeof(s));
	put_s(b, s);
	snprintf(s, sizeof(s), "%s%08d", PICK(r, mobile), below(r, 100000000));
	put_s(b, s);
	put_s(b, word_source[q->source].code);
	put_s(b, word_state[q->state].code);
	put_s(b, word_level[q->level].code);
	/* The level never goes down: it is the max_level too. */
	put_s(b, word_level[q->level].code);
	put_t(b, q->recv); put_t(b, q->acc); put_t(b, q->asg); put_t(b, q->res);
	put_t(b, q->clo); put_t(b, q->rej);
	put_s(b, q->reason >= 0 ? word_reject[q->reason].code : NULL);
	put_t(b, q->recv + cats[q->cat].hours * HOUR);
	put_t(b, q->recv + cats[q->cat].days * DAY);
	put_s(b, q->resolution);
	put_s(b, q->rating == RT_NONE ? NULL : word_rating[q->rating].code);
	put_t(b, q->rated); put_s(b, q->comment);
	put_i(b, q->reopen); put_i(b, q->nev - 1);
	row_end(b);
	for (k = 0; k < q->nev; k++) {
		e = &q->ev[k];
		row_begin(eb);
		put_i(eb, ++w->events); put_i(eb, q->id); put_t(eb, e->at);
		put_s(eb, word_actor[e->kind].code); put_ref(eb, e->actor);
		put_s(eb, word_action[e->action].code);
		put_s(eb, e->from == ST_NONE ? NULL :
		    word_state[e->from].code);
		put_s(eb, word_state[e->to].code);
		put_s(eb, word_level[e->level].code);
		put_i(eb, e->pub); put_s(eb, e->body);
		row_end(eb);
	}
}

static double
now_s(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "\r[#####.....]  42%  840000/2000000 requests  31200/s" on stderr. */
static void
progress(long long done, long long total, double secs)
{
	char	 bar[31];
	int	 k, fill = total ? (int)(30 * done / total) : 30;

	for (k = 0; k < 30; k++)
		bar[k] = k < fill ? '#' : '.';
	bar[30] = '\0';
	fprintf(stderr, "\r[%s] %3d%%  %lld/%lld requests  %.0f/s", bar,
	    total ? (int)(100 * done / total) : 100, done, total,
	    secs > 0 ? (double)done / secs : 0.0);
	fflush(stderr);
}

/*
 * Generate the requests and their events and write them in bulk, with
 * a progress bar when asked.  Returns 0 or -1 (message printed).
 */
static int
load_requests(struct world *w)
{
	struct batch	 b, eb;
	struct request	*q;
	struct rng	 r;
	long long	 i, n = w->o->requests;
	double		 t0 = now_s(), last = 0, t;
	int		 h = 0, rc;

	memset(&b, 0, sizeof(b));
	memset(&eb, 0, sizeof(eb));
	if ((q = malloc(sizeof(*q))) == NULL ||
	    batch_open(&b, w->cfg, DSQL_REQUEST, "service_requests",
	    2000) == -1 ||
	    batch_open(&eb, w->cfg, DSQL_EVENT, "request_events", 5000) == -1)
		goto out;
	hour_bins(w);
	for (i = 0; i < n; i++) {
		rnd_init(&r, w->seed, PH_REQUESTS, (uint64_t)i);
		request_draw(w, &r, i, &h, q);
		lifecycle(w, &r, q);
		request_put(w, &r, q, &b, &eb);
		if ((i & 1023) != 1023)
			continue;
		if (batch_failed(&b) || batch_failed(&eb))
			break;
		if (w->o->progress && (t = now_s()) - last >= 0.25) {
			progress(i + 1, n, t - t0);
			last = t;
		}
	}
out:
	free(q);
	rc = batch_close(&b);
	rc = batch_close(&eb) == -1 ? -1 : rc;
	if (w->o->progress) {
		if (rc == 0)
			progress(n, n, now_s() - t0);
		fputc('\n', stderr);
	}
	return rc;
}

/* ---- the command ---------------------------------------------------- */

/* Run a statement without parameters whose result is one integer. */
static int
query_int(MYSQL *my, enum dsql sql, long *v)
{
	MYSQL_RES	*res;
	MYSQL_ROW	 row;
	int		 rc = -1;

	if (mysql_real_query(my, dsqls[sql], strlen(dsqls[sql])) != 0 ||
	    (res = mysql_store_result(my)) == NULL)
		return -1;
	if ((row = mysql_fetch_row(res)) != NULL && row[0] != NULL) {
		*v = strtol(row[0], NULL, 10);
		rc = 0;
	}
	mysql_free_result(res);
	return rc;
}

static void
summary(const struct world *w, FILE *out, double secs)
{
	char	 region[96];
	int	 u;

	fprintf(out, "demo: %ld requests and %lld events in %.1f s "
	    "(%.0f requests/s)\n", w->o->requests, w->events, secs,
	    secs > 0 ? (double)w->o->requests / secs : 0.0);
	fprintf(out, "demo: regions: 1 district, %d streets, %d communities, "
	    "%d grids; %d categories\n", NSTREET, w->ncomm, w->ngrid, CAT__MAX);
	fprintf(out, "demo: %d party members (%d reported), %lld service "
	    "items, %lld claims, %lld activities, %lld participation records\n",
	    w->nmem, w->nreported, w->items, w->claims, w->activities,
	    w->participation);
	fprintf(out, "demo: login  %-11s %-18s %s\n", "username", "role",
	    "region");
	for (u = 0; u < U__END - 1; u++) {
		(void)user_region(w, u, region, sizeof(region));
		fprintf(out, "demo: login  %-11s %-18s %s\n",
		    users[u].username, word_role[users[u].role].code, region);
	}
	fprintf(out, "demo: every login's password is %s\n", DEMO_PASSWORD);
}

int
admin_demo(const struct config *c, const struct demo_opts *o, FILE *out)
{
	struct world	*w;
	MYSQL		*my;
	long		 locked = 0, has = 0;
	double		 t0 = now_s();
	int		 rc = -1;

	if ((w = calloc(1, sizeof(*w))) == NULL)
		return -1;
	if ((my = connect_db(c)) == NULL) {
		free(w);
		return -1;
	}
	w->cfg = c;
	w->o = o;
	w->seed = o->seed;
	w->until = o->until;
	w->start = o->until - YEAR;
	if (query_int(my, DSQL_LOCK, &locked) == -1 || locked != 1) {
		fprintf(stderr, "lianxin: demo: another demo load is running\n");
		goto out;
	}
	if (query_int(my, DSQL_HAS_DATA, &has) == -1) {
		fprintf(stderr, "lianxin: demo: %s (was `lianxin migrate` "
		    "run?)\n", mysql_error(my));
		goto out;
	}
	if (has && o->if_empty) {
		fprintf(out, "demo: the database already holds data; "
		    "nothing loaded\n");
		rc = 1;
		goto out;
	}
	if (has) {
		fprintf(stderr, "lianxin: demo: the database already holds "
		    "data; demo data go only into an empty database\n");
		goto out;
	}
	plan_regions(w);
	if (load_regions(w) == -1 || load_categories(w) == -1 ||
	    load_users(w) == -1 || load_members(w) == -1 ||
	    load_items(w) == -1 || load_activities(w) == -1 ||
	    load_requests(w) == -1) {
		fprintf(stderr, "lianxin: demo: loading stopped; the database "
		    "holds part of the demo data: recreate it before trying "
		    "again\n");
		goto out;
	}
	summary(w, out, now_s() - t0);
	rc = 0;
out:
	if (locked == 1)
		(void)query_int(my, DSQL_UNLOCK, &locked);
	mysql_close(my);
	free(w->mem);
	free(w);
	return rc;
}

int
admin_demo_analyze(const struct config *c)
{
	MYSQL		*my;
	MYSQL_RES	*res;
	int		 rc = -1;

	if ((my = connect_db(c)) == NULL)
		return -1;
	if (mysql_real_query(my, dsqls[DSQL_ANALYZE],
	    strlen(dsqls[DSQL_ANALYZE])) == 0) {
		if ((res = mysql_store_result(my)) != NULL)
			mysql_free_result(res);
		rc = 0;
	} else
		fprintf(stderr, "lianxin: demo: %s\n", mysql_error(my));
	mysql_close(my);
	return rc;
}
