/*
 * `lianxin demo`: a deterministic demo data set.  The same seed and the
 * same --until give the same rows (except users.password_hash, whose
 * argon2id salt is random by design).
 *
 * One district, 6 streets, 36 communities, ~200 grids, the 12 categories,
 * 7 staff accounts, ~1800 Party members with service menus, claims,
 * activities and participation, and N service requests received over the
 * 365 days before --until with their full event history.
 *
 * Everything is generated from a splitmix64 stream per phase (and per
 * request), written with MariaDB array binding (one bulk INSERT of up to
 * a few thousand rows per round trip, each its own transaction) and ids
 * given explicitly, so events refer to their requests without reading
 * anything back and memory stays bounded whatever N is.
 */
#include <math.h>
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

#define HOUR	3600L
#define DAY	86400L
#define LOCAL	(8 * HOUR)	/* the demo's local time: UTC+8 */
#define YEAR	(365 * DAY)
#define MAXCOL	32		/* columns of the widest INSERT */
#define MAXEV	20		/* events of one request, at most */

enum dsql {
	DSQL_LOCK,
	DSQL_UNLOCK,
	DSQL_HAS_DATA,
	DSQL_SESSION,
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
	DSQL__MAX
};

static const char *const dsqls[DSQL__MAX] = {
	/* DSQL_LOCK: one demo load at a time */
	"SELECT GET_LOCK('lianxin.demo', 0)",
	/* DSQL_UNLOCK */
	"SELECT RELEASE_LOCK('lianxin.demo')",
	/* DSQL_HAS_DATA: 1 when any data the demo would mix with exist */
	"SELECT EXISTS(SELECT 1 FROM regions) OR EXISTS(SELECT 1 FROM users) "
	"OR EXISTS(SELECT 1 FROM service_requests) "
	"OR EXISTS(SELECT 1 FROM party_members)",
	/* DSQL_SESSION: the rows are generated consistent */
	"SET time_zone = '+00:00', unique_checks = 0, foreign_key_checks = 0",
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
};

/*
 * Parameter types of the INSERTs, one letter per ?: i integer, s string
 * of at most 128 bytes, S string of at most 512 bytes, t DATETIME, d DATE.
 */
static const char *const dcols[DSQL__MAX] = {
	NULL, NULL, NULL, NULL,
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
#define NSTREET	(sizeof(streets) / sizeof(streets[0]))
#define NCOMM	48	/* room for the communities above */

enum { CAT_ENV, CAT_PARKING, CAT_PROPERTY, CAT_ELDERCARE, CAT_DISPUTE,
    CAT_MUNICIPAL, CAT_NOISE, CAT_SAFETY, CAT_WELFARE, CAT_HEALTH, CAT_LEGAL,
    CAT_OTHER, CAT__MAX };

static const struct category {
	const char	*code, *name, *desc;
	int		 hours, days;	/* response and resolve limits */
	int		 weight;	/* share of requests, percent */
	double		 escalate;	/* chance to go above the community */
	const char	*texts[4];	/* descriptions; %s is a place */
	const char	*fixes[2];	/* resolutions */
} cats[CAT__MAX] = {
	{ "env", "环境卫生", "垃圾清运、卫生死角、绿化养护等居住环境问题。",
	  24, 3, 18, 0.03,
	  { "%s的垃圾桶满了好几天没人清运，气味很大，希望尽快处理。",
	    "%s有一处卫生死角堆满了建筑垃圾，影响居民通行。",
	    "%s的绿化带长期无人修剪，杂草丛生，蚊虫很多。" },
	  { "已安排保洁人员清运垃圾并对周边消杀，纳入每日巡查。",
	    "已联系环卫所清理卫生死角，并设置提醒标识。" } },
	{ "parking", "停车管理", "乱停乱放、车位占用、充电桩等停车问题。",
	  24, 5, 14, 0.08,
	  { "%s经常有车辆乱停，堵住了消防通道，请加强管理。",
	    "%s的共享单车和电动车停放混乱，老人出行不便。",
	    "我在%s的固定车位最近经常被外来车辆占用。" },
	  { "已联系交警和物业劝离乱停车辆，并在路口加装隔离桩。",
	    "已协调物业加强车位管理，外来车辆登记后方可进入。" } },
	{ "property", "物业服务", "物业管理、设施报修、收费争议等物业问题。",
	  24, 7, 16, 0.08,
	  { "%s的电梯这周坏了两次，物业维修很慢，老人上下楼困难。",
	    "%s的楼道灯坏了很久，物业一直没有来修。",
	    "%s外墙渗水，家里墙面发霉，联系物业多次未果。" },
	  { "已督促物业完成维修，社区将跟踪后续维保情况。",
	    "已召集物业和业主代表协商，维修方案已落实。" } },
	{ "eldercare", "养老服务", "独居老人关爱、助餐助浴、居家养老等需求。",
	  12, 5, 6, 0.03,
	  { "%s有位独居老人最近行动不便，希望社区能定期上门看看。",
	    "家里老人住在%s，想申请社区助餐服务，请问怎么办理？",
	    "希望在%s增设老年人休息座椅和扶手。" },
	  { "已安排网格员和党员志愿者结对，每周上门探访一次。",
	    "已为老人办理助餐服务，可在社区食堂就餐或送餐上门。" } },
	{ "dispute", "矛盾纠纷", "邻里、家庭、物业与业主之间的矛盾纠纷调解。",
	  12, 10, 7, 0.14,
	  { "邻居在%s长期堆放杂物，多次沟通无果，希望社区调解。",
	    "与邻居因%s的公共区域使用产生纠纷，请社区帮助协调。",
	    "%s的商铺油烟直排，与居民多次发生争执。" },
	  { "社区调解员已组织双方面对面协商，达成调解协议。",
	    "已联合物业和人民调解委员会调解，双方均表示认可。" } },
	{ "municipal", "市政设施", "道路破损、路灯、井盖、排水等市政设施问题。",
	  24, 7, 10, 0.16,
	  { "%s的路灯已经一个多星期不亮了，晚上走路很不安全。",
	    "%s的人行道地砖松动破损，下雨天容易滑倒。",
	    "%s有个井盖缺失，存在安全隐患，请尽快修复。",
	    "%s下雨后严重积水，排水不畅。" },
	  { "已报市政部门维修，现已恢复正常。",
	    "已联系养护单位完成修复，并加装警示标志。" } },
	{ "noise", "噪音扰民", "装修、商铺、夜间施工、广场舞等噪音扰民问题。",
	  4, 3, 9, 0.05,
	  { "%s每天晚上十点后还有广场舞音响，影响休息。",
	    "%s有住户周末一早就开始装修，噪音很大。",
	    "%s附近的工地夜间施工，机器声音持续到凌晨。" },
	  { "已与相关方沟通，约定活动音量和时间，将持续跟踪。",
	    "已联合城管执法队现场处置，施工方已调整作业时间。" } },
	{ "safety", "治安隐患", "消防通道堵塞、电动车违规充电、可疑人员等隐患。",
	  4, 3, 5, 0.06,
	  { "%s有居民在楼道里给电动车充电，存在火灾隐患。",
	    "%s的消防通道被杂物堵塞，请尽快清理。",
	    "最近%s经常有陌生人徘徊，希望加强巡逻。" },
	  { "已组织消防安全检查并清理通道，对违规充电进行劝导。",
	    "已通报派出所加强巡逻，并完善小区门禁管理。" } },
	{ "welfare", "社会保障", "低保、医保、社保、就业帮扶等事项的咨询与办理。",
	  24, 10, 5, 0.05,
	  { "住在%s，想咨询灵活就业人员社保缴纳的办理流程。",
	    "家里有残疾人，住在%s，想了解能否申请相关补贴。",
	    "住在%s，失业后想申请就业帮扶，社区有哪些岗位推荐？" },
	  { "已向居民说明办理流程和所需材料，并协助完成线上申请。",
	    "已转交街道社保服务中心办理，进展将电话告知。" } },
	{ "health", "医疗健康", "家庭医生签约、慢病随访、疫苗接种等健康服务。",
	  24, 7, 4, 0.03,
	  { "想为家里老人签约家庭医生，请问%s附近的服务站在哪里？",
	    "%s附近的社区卫生服务站周末不开门，希望延长服务时间。",
	    "希望在%s组织一次免费的血压血糖检测。" },
	  { "已协调社区卫生服务站安排家庭医生上门签约。",
	    "已与卫生服务中心对接，将定期开展免费健康检测。" } },
	{ "legal", "法律援助", "法律咨询、法律援助申请、合同与劳动纠纷指引。",
	  48, 15, 3, 0.10,
	  { "%s附近的装修公司拖欠工程款，想咨询法律援助。",
	    "租住在%s，房东拒不退还押金，想请社区提供法律咨询。",
	    "住在%s，被拖欠工资三个月，请问怎么申请劳动仲裁？" },
	  { "已安排社区法律顾问提供咨询，并指引申请法律援助。",
	    "已协助居民准备材料并转介法律援助中心。" } },
	{ "other", "其他", "不属于以上类别的其他诉求和意见建议。",
	  24, 7, 3, 0.03,
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
#define NMENU	(sizeof(menus) / sizeof(menus[0]))

static const char *const topics[][6] = {	/* per kind */
	{ "垃圾分类宣传", "学习党的二十大精神", "重温入党誓词",
	  "参观红色教育基地", "文明城市创建", "走访慰问困难党员" },
	{ "社区环境大扫除", "关爱独居老人", "反诈宣传进楼道", "文明停车劝导",
	  "义诊进社区", "防汛安全检查" },
	{ "学习党章党规", "民主评议党员", "批评与自我批评", "专题学习研讨",
	  "党费收缴与公示", "发展党员工作" },
	{ "小区加装电梯", "老旧小区改造", "停车难问题", "垃圾分类点位调整",
	  "邻里节筹备", "社区食堂运营" },
};
static const char *const kinds[] = { "party_day", "volunteer", "org_life",
    "other" };
static const char *const kind_titles[] = { "%d月主题党日：%s", "志愿服务：%s",
    "%d月组织生活会：%s", "党员议事会：%s" };

/* ---- request states, actions and their words ---------------------- */

enum state { ST_SUBMITTED, ST_ACCEPTED, ST_ASSIGNED, ST_RESOLVED, ST_CLOSED,
    ST_REJECTED, ST_NONE };
static const char *const st_names[] = { "submitted", "accepted", "assigned",
    "resolved", "closed", "rejected" };
enum action { A_SUBMIT, A_ACCEPT, A_ASSIGN, A_NOTE, A_RESOLVE, A_CLOSE,
    A_REJECT, A_ESCALATE, A_RATE, A_REOPEN };
static const char *const act_names[] = { "submit", "accept", "assign",
    "note", "resolve", "close", "reject", "escalate", "rate", "reopen" };
enum actor { AK_RESIDENT, AK_STAFF, AK_SYSTEM, AK_OPEN311 };
static const char *const ak_names[] = { "resident", "staff", "system",
    "open311" };
static const char *const lv_names[] = { "community", "street", "district" };
enum source { SRC_WEB, SRC_OPEN311, SRC_HOTLINE, SRC_VISIT };
static const char *const src_names[] = { "web", "open311", "hotline",
    "visit" };
static const int src_weights[] = { 70, 7, 15, 8 };	/* percent */
enum rating { RT_SATISFIED, RT_BASICALLY, RT_UNSATISFIED, RT_NONE };
static const char *const rt_names[] = { "satisfied", "basically",
    "unsatisfied" };
static const char *const rt_comments[][2] = {
	{ "处理很及时，谢谢社区！", "网格员态度很好，点赞。" },
	{ "问题基本解决，希望后续保持。", "处理得还行，就是慢了点。" },
	{ "问题没有根本解决。", "处理太慢了，一直没人联系我。" },
};
static const char *const reasons[] = { "duplicate", "spam", "out_of_scope" };
static const char *const reason_texts[] = {
	"与已受理的诉求重复，将合并处理。",
	"内容无法核实或与社区服务无关。",
	"不属于社区受理范围，已告知居民向相关部门反映。",
};

/* Hourly weight of new requests by local hour: few at night. */
static const double hour_weights[24] = { 0.15, 0.1, 0.07, 0.06, 0.06, 0.1,
    0.3, 0.7, 1.2, 1.6, 1.7, 1.5, 1.0, 1.1, 1.5, 1.6, 1.5, 1.2, 0.9, 1.0,
    1.0, 0.8, 0.5, 0.3 };

/* The staff accounts; ids 1..7 in this order. */
enum { U_ADMIN = 1, U_DISTRICT, U_STREET1, U_COMMUNITY1, U_COMMUNITY2,
    U_GRID1, U_GRID2, U__END };
static const struct demo_user {
	const char	*username, *display, *role;
	int		 level;		/* 1 district .. 4 grid: the first such */
} users[] = {
	{ "admin", "系统管理员", "admin", 1 },
	{ "district", "王建国", "district_official", 1 },
	{ "street1", "李慧", "street_official", 2 },
	{ "community1", "张敏", "community_staff", 3 },
	{ "community2", "刘洋", "community_staff", 3 },
	{ "grid1", "陈伟", "grid_worker", 4 },
	{ "grid2", "赵静", "grid_worker", 4 },
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

/* A stream for (seed, phase, n): independent of every other stream. */
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

/* Index drawn from integer weights. */
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

#define PICK(r, a)	((a)[below((r), (int)(sizeof(a) / sizeof((a)[0])))])

/* ---- bulk INSERT batches ------------------------------------------- */

/*
 * Rows of one INSERT, bound row-wise (STMT_ATTR_ROW_SIZE): each row holds,
 * per column, the value, its length and its indicator.  Rows are filled
 * with row_begin() and put_*() in column order; a full batch is sent as
 * one array execution (autocommit: one transaction).  Errors are sticky.
 */
struct batch {
	MYSQL_STMT	*st;
	const char	*name;		/* for messages */
	const char	*types;		/* dcols[] entry */
	size_t		 ncol, rowsz;
	size_t		 off[MAXCOL];	/* cell offsets in a row */
	const struct celltype *ct[MAXCOL];
	MYSQL_BIND	 bind[MAXCOL];
	unsigned char	*rows, *row;	/* all rows; the one being filled */
	unsigned int	 n, cap;	/* rows filled; capacity */
	size_t		 col;		/* next column of row */
	long long	 total;		/* rows sent */
	bool		 failed;
	double secs;
};

/* Prepare sql and size the rows; returns 0 or -1 (message printed). */
static int
batch_open(struct batch *b, MYSQL *my, enum dsql sql, const char *name,
    unsigned int cap)
{
	size_t		 c, k, sz;

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
		sz = celltypes[k].size + sizeof(unsigned long) + 1;
		b->rowsz += (sz + 7) & ~(size_t)7;
	}
	if ((b->rows = calloc(cap, b->rowsz)) == NULL ||
	    (b->st = mysql_stmt_init(my)) == NULL) {
		fprintf(stderr, "lianxin: demo: out of memory\n");
		return -1;
	}
	if (mysql_stmt_prepare(b->st, dsqls[sql], strlen(dsqls[sql])) != 0) {
		fprintf(stderr, "lianxin: demo: %s: %s\n", name,
		    mysql_stmt_error(b->st));
		return -1;
	}
	if (mysql_stmt_param_count(b->st) != b->ncol) {
		fprintf(stderr, "lianxin: demo: %s: %lu parameters, %zu types\n",
		    name, mysql_stmt_param_count(b->st), b->ncol);
		return -1;
	}
	for (c = 0; c < b->ncol; c++) {
		unsigned char *cell = b->rows + b->off[c];

		b->bind[c].buffer_type = b->ct[c]->type;
		b->bind[c].buffer = cell;
		b->bind[c].buffer_length = b->ct[c]->size;
		if (b->ct[c]->type == MYSQL_TYPE_STRING)
			b->bind[c].length = (unsigned long *)
			    (cell + b->ct[c]->size);
		b->bind[c].u.indicator = (char *)
		    (cell + b->ct[c]->size + sizeof(unsigned long));
	}
	return 0;
}

/* Send the filled rows; returns 0 or -1 (message printed, failed set). */
static int
batch_flush(struct batch *b)
{
	unsigned int	 n = b->n;
	size_t		 rs = b->rowsz;

	if (n == 0 || b->failed) {
		b->n = 0;
		return b->failed ? -1 : 0;
	}
	b->n = 0;
	{ struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts); b->secs += ts.tv_sec + ts.tv_nsec/1e9; }
	if (mysql_stmt_attr_set(b->st, STMT_ATTR_ARRAY_SIZE, &n) != 0 ||
	    mysql_stmt_attr_set(b->st, STMT_ATTR_ROW_SIZE, &rs) != 0 ||
	    mysql_stmt_bind_param(b->st, b->bind) != 0 ||
	    mysql_stmt_execute(b->st) != 0) {
		fprintf(stderr, "lianxin: demo: %s: %s\n", b->name,
		    mysql_stmt_error(b->st));
		b->failed = true;
		return -1;
	}
	b->total += n;
	{ struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts); b->secs -= ts.tv_sec + ts.tv_nsec/1e9; }
	return 0;
}

static void
batch_close(struct batch *b)
{
	if (b->st != NULL)
		mysql_stmt_close(b->st);
	free(b->rows);
	b->st = NULL;
	b->rows = NULL;
}

/* Start a row, sending the batch first when it is full. */
static void
row_begin(struct batch *b)
{
	if (b->n == b->cap)
		(void)batch_flush(b);
	b->row = b->rows + (size_t)b->n * b->rowsz;
	b->col = 0;
}

/* Finish a row; every column must have been put. */
static void
row_end(struct batch *b)
{
	if (b->col != b->ncol) {
		fprintf(stderr, "lianxin: demo: %s: row of %zu columns, "
		    "%zu expected\n", b->name, b->col, b->ncol);
		abort();
	}
	b->n++;
}

/* The next cell, which must be of type letter (or any for '*'). */
static unsigned char *
cell(struct batch *b, char letter, char indicator)
{
	unsigned char	*p;

	if (b->col >= b->ncol || (letter != '*' &&
	    b->types[b->col] != letter && !(letter == 's' &&
	    b->types[b->col] == 'S'))) {
		fprintf(stderr, "lianxin: demo: %s: column %zu is not '%c'\n",
		    b->name, b->col, letter);
		abort();
	}
	p = b->row + b->off[b->col];
	p[b->ct[b->col]->size + sizeof(unsigned long)] = indicator;
	b->col++;
	return p;
}

static void
put_null(struct batch *b)
{
	(void)cell(b, '*', STMT_INDICATOR_NULL);
}

static void
put_i(struct batch *b, long long v)
{
	memcpy(cell(b, 'i', STMT_INDICATOR_NONE), &v, sizeof(v));
}

/* A string, cut at a character boundary if it does not fit. */
static void
put_s(struct batch *b, const char *s)
{
	unsigned char	*p = cell(b, 's', STMT_INDICATOR_NONE);
	size_t		 size = b->ct[b->col - 1]->size, len = strlen(s);
	unsigned long	 ul;

	if (len > size)
		for (len = size; len > 0 && (s[len] & 0xc0) == 0x80; len--)
			continue;
	memcpy(p, s, len);
	ul = len;
	memcpy(p + size, &ul, sizeof(ul));
}

/* A DATETIME (or DATE: the local date of t); t == 0 is NULL. */
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
	if (letter == 'd')
		m.time_type = MYSQL_TIMESTAMP_DATE;
	else {
		m.hour = (unsigned)tm.tm_hour;
		m.minute = (unsigned)tm.tm_min;
		m.second = (unsigned)tm.tm_sec;
		m.time_type = MYSQL_TIMESTAMP_DATETIME;
	}
	memcpy(cell(b, letter, STMT_INDICATOR_NONE), &m, sizeof(m));
}

#define put_t(b, t)	put_time((b), (t), 't')
#define put_d(b, t)	put_time((b), (t), 'd')

/* Integer or NULL when 0. */
static void
put_id(struct batch *b, long long v)
{
	if (v == 0)
		put_null(b);
	else
		put_i(b, v);
}

/* ---- the world: regions and their character ------------------------ */

struct community {
	unsigned	 id, street_id;	/* region ids */
	int		 street;	/* index into streets[] */
	const char	*name;
	unsigned	 grid0;		/* region id of its first grid */
	int		 ngrid;
	double		 weight;	/* relative number of requests */
	double		 quality;	/* 0 poor .. 1 excellent handling */
	double		 report;	/* share of in-service members reported */
	double		 partic;	/* chance a member joins an activity */
	double		 lat, lng;	/* centre */
	int		 mem0, nmem;	/* its slice of world.mem */
};

struct member {
	unsigned	 id;
	int		 type;		/* 0 in_service .. 3 resident */
	time_t		 reported;	/* 0 = never */
	int		 open;		/* open claims */
};

struct world {
	const struct demo_opts *o;
	uint64_t	 seed;
	time_t		 until, start;	/* data lie in [start, until) */
	struct community comm[NCOMM];
	int		 ncomm, ngrid;
	double		 cweight;	/* sum of community weights */
	struct member	*mem;
	int		 nmem, nreported;
	long long	 items, claims, activities, participation;
	double		 hcum[365 * 24 + 1];	/* cumulative hourly weight */
	struct batch	 b;		/* small tables, one at a time */
};

enum phase { PH_REGIONS = 1, PH_MEMBERS, PH_ITEMS, PH_ACTIVITIES,
    PH_REQUESTS };

/* The region tree and each community's character; returns 0 or -1. */
static int
load_regions(struct world *w, MYSQL *my)
{
	struct batch	*b = &w->b;
	struct rng	 r;
	struct community *c;
	char		 code[32], name[96];
	unsigned	 id = 2 + NSTREET, gid;
	int		 s, k, g, i, order[NCOMM];

	rnd_init(&r, w->seed, PH_REGIONS, 0);
	for (s = 0; s < (int)NSTREET; s++)
		for (k = 0; streets[s].comms[k] != NULL; k++) {
			c = &w->comm[w->ncomm++];
			c->id = id++;
			c->street = s;
			c->street_id = 2 + (unsigned)s;
			c->name = streets[s].comms[k];
			c->ngrid = 4 + below(&r, 4);
			c->weight = range(&r, 0.6, 1.6);
			c->quality = range(&r, 0.45, 0.85);
			c->report = range(&r, 0.8, 0.95);
			c->partic = range(&r, 0.12, 0.5);
			c->lat = 30.17 + 0.05 * unit(&r);
			c->lng = 120.13 + 0.11 * unit(&r);
		}
	/* A few clearly better and clearly worse; a few report poorly. */
	for (i = 0; i < w->ncomm; i++)
		order[i] = i;
	for (i = w->ncomm - 1; i > 0; i--) {
		k = below(&r, i + 1);
		g = order[i], order[i] = order[k], order[k] = g;
	}
	for (i = 0; i < 3; i++) {
		w->comm[order[i]].quality = range(&r, 0.95, 1.0);
		w->comm[order[i + 3]].quality = range(&r, 0.05, 0.15);
		w->comm[order[i + 6]].report = range(&r, 0.3, 0.45);
	}
	if (batch_open(b, my, DSQL_REGION, "regions", 512) == -1)
		return -1;
	row_begin(b);
	put_i(b, 1); put_null(b); put_i(b, 1); put_s(b, "330108");
	put_s(b, "滨江区"); put_i(b, 1); put_null(b); put_null(b); put_i(b, 0);
	row_end(b);
	for (s = 0; s < (int)NSTREET; s++) {
		snprintf(code, sizeof(code), "330108%03d", s + 1);
		row_begin(b);
		put_i(b, 2 + s); put_i(b, 1); put_i(b, 2); put_s(b, code);
		put_s(b, streets[s].name); put_i(b, 1); put_i(b, 2 + s);
		put_null(b); put_i(b, s);
		row_end(b);
	}
	gid = id;
	for (i = 0; i < w->ncomm; i++) {
		c = &w->comm[i];
		for (k = 0; k < i && w->comm[k].street != c->street; k++)
			continue;
		snprintf(code, sizeof(code), "330108%03d%03d", c->street + 1,
		    i - k + 1);
		row_begin(b);
		put_i(b, c->id); put_i(b, c->street_id); put_i(b, 3);
		put_s(b, code); put_s(b, c->name); put_i(b, 1);
		put_i(b, c->street_id); put_i(b, c->id); put_i(b, i - k);
		row_end(b);
		c->grid0 = gid;
		for (g = 0; g < c->ngrid; g++) {
			char gcode[48];

			snprintf(gcode, sizeof(gcode), "%s%03d", code, g + 1);
			snprintf(name, sizeof(name), "%s第%d网格", c->name,
			    g + 1);
			row_begin(b);
			put_i(b, gid++); put_i(b, c->id); put_i(b, 4);
			put_s(b, gcode); put_s(b, name); put_i(b, 1);
			put_i(b, c->street_id); put_i(b, c->id); put_i(b, g);
			row_end(b);
			w->ngrid++;
		}
		w->cweight += c->weight;
	}
	batch_flush(b);
	batch_close(b);
	return b->failed ? -1 : 0;
}

/* The 12 categories in their fixed order; returns 0 or -1. */
static int
load_categories(struct world *w, MYSQL *my)
{
	struct batch	*b = &w->b;
	int		 i;

	if (batch_open(b, my, DSQL_CATEGORY, "categories", CAT__MAX) == -1)
		return -1;
	for (i = 0; i < CAT__MAX; i++) {
		row_begin(b);
		put_i(b, i + 1); put_s(b, cats[i].code); put_s(b, cats[i].name);
		put_s(b, cats[i].desc); put_i(b, cats[i].hours);
		put_i(b, cats[i].days); put_i(b, i + 1);
		row_end(b);
	}
	batch_flush(b);
	batch_close(b);
	return b->failed ? -1 : 0;
}

/* Region id of a demo user's home: the first region of its level. */
static unsigned
user_region(const struct world *w, int u)
{
	switch (users[u].level) {
	case 1:
		return 1;
	case 2:
		return w->comm[0].street_id;
	case 3:
		return w->comm[u == U_COMMUNITY2 - 1 ? 1 : 0].id;
	default:
		return w->comm[0].grid0 + (u == U_GRID2 - 1 ? 1 : 0);
	}
}

/* The staff accounts, all with DEMO_PASSWORD; returns 0 or -1. */
static int
load_users(struct world *w, MYSQL *my)
{
	struct batch	*b = &w->b;
	char		 hash[crypto_pwhash_STRBYTES];
	int		 u;

	if (sodium_init() < 0) {
		fprintf(stderr, "lianxin: demo: libsodium does not start\n");
		return -1;
	}
	if (batch_open(b, my, DSQL_USER, "users", 8) == -1)
		return -1;
	for (u = 0; u < U__END - 1; u++) {
		if (crypto_pwhash_str(hash, DEMO_PASSWORD,
		    strlen(DEMO_PASSWORD), crypto_pwhash_OPSLIMIT_INTERACTIVE,
		    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
			fprintf(stderr, "lianxin: demo: out of memory\n");
			return -1;
		}
		row_begin(b);
		put_i(b, u + 1); put_s(b, users[u].username);
		put_s(b, users[u].display); put_s(b, users[u].role);
		put_i(b, user_region(w, u)); put_s(b, hash); put_t(b, w->start);
		row_end(b);
	}
	batch_flush(b);
	batch_close(b);
	return b->failed ? -1 : 0;
}

/* A Chinese name: surname and given name. */
static void
person(struct rng *r, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s%s", PICK(r, surnames), PICK(r, givens));
}

/* The Party member rosters; returns 0 or -1. */
static int
load_members(struct world *w, MYSQL *my)
{
	static const int type_weights[] = { 55, 25, 8, 12 };
	static const char *const types[] = { "in_service", "retired",
	    "mobile", "resident" };
	struct batch	*b = &w->b;
	struct rng	 r;
	struct member	*m;
	char		 name[64], phone[16];
	double		 p;
	int		 i, k;

	if ((w->mem = calloc((size_t)w->ncomm * 60, sizeof(*m))) == NULL ||
	    batch_open(b, my, DSQL_MEMBER, "party_members", 2000) == -1)
		return -1;
	rnd_init(&r, w->seed, PH_MEMBERS, 0);
	for (i = 0; i < w->ncomm; i++) {
		w->comm[i].mem0 = w->nmem;
		w->comm[i].nmem = 40 + below(&r, 21);
		for (k = 0; k < w->comm[i].nmem; k++) {
			m = &w->mem[w->nmem++];
			m->id = (unsigned)w->nmem;
			m->type = weighted(&r, type_weights, 4);
			p = m->type == 0 ? w->comm[i].report : 0.9;
			if (chance(&r, p)) {
				/* Mostly within the half year; some lapsed. */
				m->reported = w->until - (time_t)(chance(&r,
				    p > 0.5 ? 0.85 : 0.5) ? range(&r, 1, 182) :
				    range(&r, 183, 364)) * DAY;
				w->nreported++;
			}
			person(&r, name, sizeof(name));
			snprintf(phone, sizeof(phone), "1395%07u",
			    (unsigned)((m->id * 7919ULL + w->seed) % 10000000));
			row_begin(b);
			put_i(b, m->id); put_i(b, w->comm[i].id); put_s(b, name);
			put_s(b, phone); put_s(b, types[m->type]);
			put_s(b, m->type == 0 ? PICK(&r, employers) : "");
			put_t(b, m->reported);
			put_t(b, m->reported ? m->reported + 182 * DAY : 0);
			put_t(b, w->start - (time_t)range(&r, 30, 1500) * DAY);
			row_end(b);
		}
	}
	batch_flush(b);
	batch_close(b);
	return b->failed ? -1 : 0;
}

/*
 * Claims of one menu item by reported members of its community, never
 * more open + completed than capacity, at most 2 open per member.
 * Returns the number claimed (open + completed).
 */
static int
item_claims(struct world *w, struct batch *cb, struct rng *r,
    const struct community *c, unsigned item, int cap, time_t from,
    time_t to)
{
	struct member	*m;
	time_t		 at, end = to < w->until ? to : w->until - HOUR;
	int		 claimed = 0, target, k, first, state;

	target = (int)(cap * range(r, 0.3, 1.0) + 0.5);
	first = below(r, c->nmem);
	/* each member once: a stride of 61 is prime to 40..60 members */
	for (k = 0; claimed < target && k < c->nmem && end > from; k++) {
		m = &w->mem[c->mem0 + (first + 61 * k) % c->nmem];
		if (m->reported == 0 || m->open >= 2 || chance(r, 0.5))
			continue;
		at = from + (time_t)(unit(r) * (double)(end - from) * 0.3);
		/* completed when the item is over, else open; some withdrawn */
		state = chance(r, 0.15) ? 1 : to < w->until ? 2 : 0;
		row_begin(cb);
		put_i(cb, ++w->claims); put_i(cb, item); put_i(cb, m->id);
		put_s(cb, state == 0 ? "open" : state == 1 ? "withdrawn" :
		    "completed");
		put_t(cb, at);
		put_t(cb, state == 0 ? 0 : state == 2 ? to :
		    at + (time_t)(unit(r) * (double)(end - at)));
		row_end(cb);
		if (state == 0)
			m->open++;
		if (state != 1)
			claimed++;
	}
	return claimed;
}

/* Service menus (4..8 items per community) and their claims. */
static int
load_items(struct world *w, MYSQL *my)
{
	struct batch	*b = &w->b, cb;
	struct rng	 r;
	const struct menu *mu;
	time_t		 from, to;
	int		 i, k, n, cap, claimed, rc = -1;

	if (batch_open(b, my, DSQL_ITEM, "service_items", 1000) == -1 ||
	    batch_open(&cb, my, DSQL_CLAIM, "item_claims", 2000) == -1)
		goto out;
	rnd_init(&r, w->seed, PH_ITEMS, 0);
	for (i = 0; i < w->ncomm; i++) {
		n = 4 + below(&r, 5);
		k = below(&r, (int)NMENU);
		while (n-- > 0) {
			mu = &menus[k++ % NMENU];
			cap = 2 + below(&r, 9);
			from = w->start + (time_t)below(&r, 150) * DAY;
			to = from + (time_t)(90 + below(&r, 210)) * DAY;
			claimed = item_claims(w, &cb, &r, &w->comm[i],
			    (unsigned)w->items + 1, cap, from, to);
			row_begin(b);
			put_i(b, ++w->items); put_i(b, w->comm[i].id);
			put_i(b, mu->cat + 1); put_s(b, mu->name);
			put_s(b, mu->desc); put_i(b, cap); put_i(b, claimed);
			put_d(b, from); put_d(b, to);
			row_end(b);
		}
	}
	batch_flush(b);
	batch_flush(&cb);
	rc = b->failed || cb.failed ? -1 : 0;
out:
	batch_close(b);
	batch_close(&cb);
	return rc;
}

/* Local midnight (as UTC) of day d of month mo (1-based, may be <= 0). */
static time_t
local_day(int year, int mo, int d)
{
	struct tm	 tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = year - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	return timegm(&tm) - LOCAL;
}

/* One activity and its participation rows. */
static void
activity(struct world *w, struct batch *ab, struct batch *pb,
    struct rng *r, const struct community *c, int kind, int mo, time_t day)
{
	const struct member *m;
	char		 title[160], hrs[8];
	double		 hours = 1.0 + 0.5 * below(r, 7), h;
	int		 k;

	if (kind == 0 || kind == 2)
		snprintf(title, sizeof(title), kind_titles[kind], mo,
		    PICK(r, topics[kind]));
	else
		snprintf(title, sizeof(title), kind_titles[kind],
		    PICK(r, topics[kind]));
	snprintf(hrs, sizeof(hrs), "%.1f", hours);
	row_begin(ab);
	put_i(ab, ++w->activities); put_i(ab, c->id); put_s(ab, title);
	put_s(ab, kinds[kind]); put_d(ab, day); put_s(ab, hrs);
	row_end(ab);
	for (k = 0; k < c->nmem; k++) {
		m = &w->mem[c->mem0 + k];
		if (m->reported == 0 ||
		    !chance(r, c->partic * (m->type == 1 ? 1.4 : 1.0)))
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

/* About two activities per community and month; returns 0 or -1. */
static int
load_activities(struct world *w, MYSQL *my)
{
	static const int second[] = { 0, 60, 25, 15 };	/* kind weights */
	struct batch	*ab = &w->b, pb;
	struct rng	 r;
	struct tm	 tm;
	time_t		 now = w->until - 1 + LOCAL, day;
	int		 i, k, j, mo, rc = -1;

	if (batch_open(ab, my, DSQL_ACTIVITY, "activities", 1000) == -1 ||
	    batch_open(&pb, my, DSQL_PARTICIPATION, "participation", 5000) == -1)
		goto out;
	gmtime_r(&now, &tm);
	rnd_init(&r, w->seed, PH_ACTIVITIES, 0);
	for (i = 0; i < w->ncomm; i++)
		for (k = 12; k >= 0; k--)
			for (j = 0; j < 2; j++) {
				day = local_day(tm.tm_year + 1900,
				    tm.tm_mon + 1 - k, 1 + below(&r, 28));
				mo = (tm.tm_mon - k + 24) % 12 + 1;
				if (day < w->start || day >= w->until)
					continue;
				activity(w, ab, &pb, &r, &w->comm[i],
				    j == 0 ? 0 : weighted(&r, second, 4), mo,
				    day);
			}
	batch_flush(ab);
	batch_flush(&pb);
	rc = ab->failed || pb.failed ? -1 : 0;
out:
	batch_close(ab);
	batch_close(&pb);
	return rc;
}

/* ---- service requests ---------------------------------------------- */

struct event {
	time_t		 at;
	int		 kind, actor;	/* enum actor; user id or 0 */
	int		 action, from, to, level;
	bool		 pub;
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
		return;
	e = &q->ev[q->nev++];
	e->at = at;
	e->kind = kind;
	e->actor = kind == AK_STAFF ? actor : 0;
	e->action = action;
	e->from = action == A_SUBMIT ? ST_NONE : q->state;
	e->to = q->state = to;
	e->level = q->level;
	e->pub = pub;
	e->body = body;
}

/* A rating: better with a good community, worse when late. */
static int
rating(struct rng *r, double quality, bool late)
{
	double	 sat = 0.35 + 0.55 * quality - (late ? 0.15 : 0);
	double	 unsat = 0.02 + 0.2 * (1 - quality) + (late ? 0.1 : 0);
	double	 u = unit(r);

	return u < sat ? RT_SATISFIED : u < 1 - unsat ? RT_BASICALLY :
	    RT_UNSATISFIED;
}

/* The staff user acting for a request at its current level. */
static int
staff(const struct request *q, bool grid)
{
	if (q->level == 2)
		return U_DISTRICT;
	if (q->level == 1)
		return U_STREET1;
	if (grid)
		return q->grid % 2 ? U_GRID2 : U_GRID1;
	return q->comm % 2 ? U_COMMUNITY2 : U_COMMUNITY1;
}

/*
 * From a resolution at t: the resident's rating (most), a reopen after an
 * unsatisfied one (once) with a second resolution, and the close: by
 * staff after a rating, by the system 7 days after an unrated one.
 * Stops at the first step that would lie after until.
 */
static void
after_resolve(const struct world *w, struct rng *r, struct request *q,
    time_t t, double quality, bool late)
{
	time_t	 until = w->until;

	if (!chance(r, 0.85)) {
		if ((t += 7 * DAY) <= until)
			event(q, q->clo = t, AK_SYSTEM, 0, A_CLOSE, ST_CLOSED,
			    true, "评价期满，系统自动办结。");
		return;
	}
	if ((t += (time_t)range(r, HOUR, 72 * HOUR)) > until)
		return;
	q->rated = t;
	q->rating = rating(r, quality, late);
	q->comment = chance(r, 0.4) ? PICK(r, rt_comments[q->rating]) : NULL;
	event(q, t, AK_RESIDENT, 0, A_RATE, ST_RESOLVED, true,
	    q->comment ? q->comment : "");
	if (q->rating == RT_UNSATISFIED && q->reopen == 0 && chance(r, 0.4)) {
		if ((t += (time_t)range(r, 600, HOUR)) > until)
			return;
		q->reopen = 1;
		q->rating = RT_NONE;
		q->rated = 0;
		q->comment = NULL;
		event(q, t, AK_RESIDENT, 0, A_REOPEN, ST_ASSIGNED, true,
		    "居民对处理结果不满意，退回重办。");
		if ((t += (time_t)range(r, 0.5 * DAY, 5 * DAY)) > until)
			return;
		q->res = t;
		q->resolution = cats[q->cat].fixes[q->reopen];
		event(q, t, AK_STAFF, staff(q, true), A_RESOLVE, ST_RESOLVED,
		    true, q->resolution);
		after_resolve(w, r, q, t, quality + 0.3, true);
		return;
	}
	if ((t += (time_t)range(r, 1800, 24 * HOUR)) <= until)
		event(q, q->clo = t, AK_STAFF, staff(q, false), A_CLOSE,
		    ST_CLOSED, true, "已办结归档。");
}

/*
 * The history of a received request up to until: rejected, or accepted
 * (some late), assigned, maybe escalated, resolved (some late, a few
 * never), rated, reopened, closed.  Fills q's times, state and events.
 */
static void
lifecycle(const struct world *w, struct rng *r, struct request *q)
{
	const struct category *c = &cats[q->cat];
	double		 qual = w->comm[q->comm].quality, f;
	time_t		 t, until = w->until, due = q->recv + c->days * DAY;
	int		 actor;
	static const int submitter[] = { AK_RESIDENT, AK_OPEN311, AK_OPEN311,
	    AK_RESIDENT };

	event(q, q->recv, submitter[q->source], 0, A_SUBMIT, ST_SUBMITTED,
	    true, "");
	if (chance(r, 0.035)) {
		t = q->recv + (time_t)(range(r, 0.05, 0.8) * c->hours * HOUR);
		if (t > until)
			return;
		q->reason = below(r, 10) < 5 ? 0 : below(r, 2) + 1;
		event(q, q->rej = t, AK_STAFF, staff(q, false), A_REJECT,
		    ST_REJECTED, true, reason_texts[q->reason]);
		return;
	}
	f = chance(r, 0.03 + 0.35 * (1 - qual)) ? range(r, 1.05, 3.0) :
	    range(r, 0.03, 0.95);
	if ((t = q->recv + (time_t)(f * c->hours * HOUR)) > until)
		return;
	event(q, q->acc = t, AK_STAFF, staff(q, false), A_ACCEPT, ST_ACCEPTED,
	    true, "已受理，正在安排处理。");
	if ((t += (time_t)range(r, 600, 6 * HOUR)) > until)
		return;
	event(q, q->asg = t, AK_STAFF, staff(q, false), A_ASSIGN, ST_ASSIGNED,
	    true, "已派单至网格员，请保持电话畅通。");
	if (chance(r, 0.1)) {
		if ((t += (time_t)range(r, 600, 12 * HOUR)) > until)
			return;
		event(q, t, AK_STAFF, staff(q, true), A_NOTE, ST_ASSIGNED,
		    false, "已电话联系居民，约定上门查看时间。");
	}
	if (chance(r, c->escalate * (1.5 - qual))) {
		if ((t += (time_t)range(r, 2 * HOUR, 48 * HOUR)) > until)
			return;
		actor = staff(q, false);
		q->level = 1;
		event(q, t, AK_STAFF, actor, A_ESCALATE, ST_ASSIGNED, true,
		    "社区协调难度较大，已提请街道协调处理（吹哨报到）。");
		if (chance(r, 0.25)) {
			if ((t += (time_t)range(r, DAY, 3 * DAY)) > until)
				return;
			q->level = 2;
			event(q, t, AK_STAFF, U_STREET1, A_ESCALATE,
			    ST_ASSIGNED, true, "街道已提请区级职能部门协同处置。");
		}
	}
	if (chance(r, 0.005 + 0.05 * (1 - qual)))
		return;		/* stalled: never resolved */
	f = chance(r, 0.03 + 0.45 * (1 - qual)) ? range(r, 1.02, 2.2) :
	    0.08 + 0.87 * pow(unit(r), 1.5);
	if (q->level > 0)
		f *= 1.25;
	t += (time_t)range(r, 1800, 3 * HOUR);
	if (q->recv + (time_t)(f * c->days * DAY) > t)
		t = q->recv + (time_t)(f * c->days * DAY);
	if (t > until)
		return;
	q->resolution = cats[q->cat].fixes[below(r, 2)];
	event(q, q->res = t, AK_STAFF, staff(q, true), A_RESOLVE, ST_RESOLVED,
	    true, q->resolution);
	after_resolve(w, r, q, t, qual, t > due);
}

/*
 * Tracking number of request n: a bijection of n onto 0..31^8-1 (the
 * multiplier is prime to 31), in base 31 over an alphabet without
 * look-alikes, so numbers are unique without checking.
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

/*
 * Where, what and who of request i: received time (hour bins weighted by
 * local hour, weekday and season; ids in time order), community, grid,
 * category, source, address, description, resident.  *h is the hour bin
 * cursor, advanced monotonically across calls.
 */
static void
request_draw(const struct world *w, struct rng *r, long long i, int *h,
    struct request *q)
{
	double		 x, total = w->hcum[365 * 24];
	int		 k, y;

	memset(q, 0, sizeof(*q));
	q->id = i + 1;
	q->reason = -1;
	q->rating = RT_NONE;
	x = ((double)i + unit(r)) / (double)w->o->requests * total;
	while (*h < 365 * 24 - 1 && w->hcum[*h + 1] <= x)
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
	q->source = weighted(r, src_weights, 4);
}

/* Write request q and its events to the two batches. */
static void
request_put(const struct world *w, struct rng *r, const struct request *q,
    struct batch *b, struct batch *eb, long long *evid)
{
	const struct community *c = &w->comm[q->comm];
	char		 s[512], place[96], estate[64], tn[9];
	const struct event *e;
	int		 k;

	/* estates are named after their community: 星民社区, 星民花园 */
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
	snprintf(s, sizeof(s), cats[q->cat].texts[below(r,
	    cats[q->cat].texts[3] ? 4 : 3)], place);
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
	put_s(b, src_names[q->source]); put_s(b, st_names[q->state]);
	put_s(b, lv_names[q->level]);	/* never goes down: max_level too */
	put_s(b, lv_names[q->level]);
	put_t(b, q->recv); put_t(b, q->acc); put_t(b, q->asg); put_t(b, q->res);
	put_t(b, q->clo); put_t(b, q->rej);
	if (q->reason >= 0)
		put_s(b, reasons[q->reason]);
	else
		put_null(b);
	put_t(b, q->recv + cats[q->cat].hours * HOUR);
	put_t(b, q->recv + cats[q->cat].days * DAY);
	if (q->resolution)
		put_s(b, q->resolution);
	else
		put_null(b);
	if (q->rating != RT_NONE)
		put_s(b, rt_names[q->rating]);
	else
		put_null(b);
	put_t(b, q->rated);
	if (q->comment)
		put_s(b, q->comment);
	else
		put_null(b);
	put_i(b, q->reopen); put_i(b, q->nev - 1);
	row_end(b);
	for (k = 0; k < q->nev; k++) {
		e = &q->ev[k];
		row_begin(eb);
		put_i(eb, ++*evid); put_i(eb, q->id); put_t(eb, e->at);
		put_s(eb, ak_names[e->kind]); put_id(eb, e->actor);
		put_s(eb, act_names[e->action]);
		if (e->from == ST_NONE)
			put_null(eb);
		else
			put_s(eb, st_names[e->from]);
		put_s(eb, st_names[e->to]); put_s(eb, lv_names[e->level]);
		put_i(eb, e->pub); put_s(eb, e->body);
		row_end(eb);
	}
}

static double
now_s(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* "\r[#####.....]  42%  840000/2000000 requests  31200/s" on stderr. */
static void
progress(long long done, long long total, double elapsed)
{
	char	 bar[31];
	int	 k, fill = total ? (int)(30 * done / total) : 30;

	for (k = 0; k < 30; k++)
		bar[k] = k < fill ? '#' : '.';
	bar[30] = '\0';
	fprintf(stderr, "\r[%s] %3d%%  %lld/%lld requests  %.0f/s", bar,
	    total ? (int)(100 * done / total) : 100, done, total,
	    elapsed > 0 ? (double)done / elapsed : 0.0);
	fflush(stderr);
}

/* The hourly weights of the year: local hour, weekday and season. */
static void
hour_bins(struct world *w)
{
	struct tm tm;
	time_t	 t;
	int	 h;
	double	 x;

	w->hcum[0] = 0;
	for (h = 0; h < 365 * 24; h++) {
		t = w->start + h * HOUR + LOCAL;
		gmtime_r(&t, &tm);
		x = hour_weights[tm.tm_hour] *
		    (tm.tm_wday == 0 || tm.tm_wday == 6 ? 0.75 : 1.0) *
		    (1 + 0.15 * sin(2 * M_PI * (tm.tm_yday - 100) / 365.0));
		w->hcum[h + 1] = w->hcum[h] + x;
	}
}

/*
 * Generate and write the requests and their events in bulk, drawing a
 * progress bar when asked.  Returns 0 or -1 (message printed).
 */
static int
load_requests(struct world *w, MYSQL *my, long long *nevents)
{
	struct batch	 b, eb;
	struct request	*q;
	struct rng	 r;
	long long	 i, n = w->o->requests, evid = 0;
	double		 t0 = now_s(), last = 0, t;
	int		 h = 0, rc = -1;

	memset(&eb, 0, sizeof(eb));
	if ((q = malloc(sizeof(*q))) == NULL ||
	    batch_open(&b, my, DSQL_REQUEST, "service_requests", 2000) == -1 ||
	    batch_open(&eb, my, DSQL_EVENT, "request_events", 5000) == -1)
		goto out;
	hour_bins(w);
	for (i = 0; i < n; i++) {
		rnd_init(&r, w->seed, PH_REQUESTS, (uint64_t)i);
		request_draw(w, &r, i, &h, q);
		lifecycle(w, &r, q);
		request_put(w, &r, q, &b, &eb, &evid);
		if ((i & 1023) == 1023) {
			if (b.failed || eb.failed)
				goto out;
			if (w->o->progress && (t = now_s()) - last > 0.25) {
				progress(i + 1, n, t - t0);
				last = t;
			}
		}
	}
	batch_flush(&b);
	batch_flush(&eb);
	if (w->o->progress) {
		progress(n, n, now_s() - t0);
		fputc('\n', stderr);
	}
	rc = b.failed || eb.failed ? -1 : 0;
	*nevents = eb.total;
	fprintf(stderr, "TIMING requests %.1f s events %.1f s\n", -b.secs, -eb.secs);
out:
	free(q);
	batch_close(&b);
	batch_close(&eb);
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

static MYSQL *
connect_db(const struct config *c)
{
	MYSQL	*my;

	if ((my = mysql_init(NULL)) == NULL)
		return NULL;
	mysql_options(my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
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

static void
summary(const struct world *w, FILE *out, long long events, double secs)
{
	int	 u;

	fprintf(out, "demo: %ld requests and %lld events in %.1f s "
	    "(%.0f requests/s)\n", w->o->requests, events, secs,
	    secs > 0 ? (double)w->o->requests / secs : 0.0);
	fprintf(out, "demo: 1 district, %zu streets, %d communities, %d grids, "
	    "%d categories\n", NSTREET, w->ncomm, w->ngrid, CAT__MAX);
	fprintf(out, "demo: %d party members (%d reported), %lld service "
	    "items, %lld claims, %lld activities, %lld participation records\n",
	    w->nmem, w->nreported, w->items, w->claims, w->activities,
	    w->participation);
	fprintf(out, "demo: login  %-11s %-18s %s\n", "username", "role",
	    "region");
	for (u = 0; u < U__END - 1; u++)
		fprintf(out, "demo: login  %-11s %-18s %s%s\n",
		    users[u].username, users[u].role,
		    users[u].level == 1 ? "滨江区" : users[u].level == 2 ?
		    streets[0].name : users[u].level == 3 ?
		    w->comm[u == U_COMMUNITY2 - 1].name : w->comm[0].name,
		    users[u].level < 4 ? "" : u == U_GRID2 - 1 ? "第2网格" :
		    "第1网格");
	fprintf(out, "demo: password  %s\n", DEMO_PASSWORD);
}

int
admin_demo(const struct config *c, const struct demo_opts *o, FILE *out)
{
	struct world	*w;
	MYSQL		*my;
	long		 locked = 0, has = 0;
	long long	 events = 0;
	double		 t0 = now_s();
	int		 rc = -1;

	if ((w = calloc(1, sizeof(*w))) == NULL)
		return -1;
	if ((my = connect_db(c)) == NULL) {
		free(w);
		return -1;
	}
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
	if (has) {
		if (o->if_empty) {
			fprintf(out, "demo: the database already holds data; "
			    "nothing loaded\n");
			rc = 1;
		} else
			fprintf(stderr, "lianxin: demo: the database already "
			    "holds data; demo data go only into an empty "
			    "database\n");
		goto out;
	}
	if (load_regions(w, my) == -1 || load_categories(w, my) == -1 ||
	    load_users(w, my) == -1 || load_members(w, my) == -1 ||
	    load_items(w, my) == -1 || load_activities(w, my) == -1 ||
	    load_requests(w, my, &events) == -1) {
		fprintf(stderr, "lianxin: demo: loading stopped; the database "
		    "holds part of the demo data: recreate it before trying "
		    "again\n");
		goto out;
	}
	summary(w, out, events, now_s() - t0);
	rc = 0;
out:
	if (locked == 1)
		(void)query_int(my, DSQL_UNLOCK, &locked);
	mysql_close(my);
	free(w->mem);
	free(w);
	return rc;
}
