/*
 * The demo's world (see demoint.h): the region tree with each community's
 * character, the service categories, the staff accounts, and people's
 * names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "db.h"
#include "demoint.h"

const struct street demo_streets[NSTREET] = {
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

const struct category demo_cats[CAT__MAX] = {
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

const struct demo_user demo_users[U__END - 1] = {
	{ "admin", "系统管理员", ROLE_ADMIN, 1, 0 },
	{ "district", "王建国", ROLE_DISTRICT, 1, 0 },
	{ "street1", "李慧", ROLE_STREET, 2, 0 },
	{ "community1", "张敏", ROLE_COMMUNITY, 3, 0 },
	{ "community2", "刘洋", ROLE_COMMUNITY, 3, 1 },
	{ "grid1", "陈伟", ROLE_GRID, 4, 0 },
	{ "grid2", "赵静", ROLE_GRID, 4, 1 },
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

/*
 * Each community's place in the tree and character: size, handling
 * quality (three clearly better, three clearly worse), reporting (three
 * clearly lower), participation, position.
 */
void
demo_plan_regions(struct world *w)
{
	struct community *c;
	struct rng	 r;
	unsigned	 id = 2 + NSTREET, gid;
	int		 s, k, i, t, order[NCOMM];

	rnd_init(&r, w->seed, PH_REGIONS, 0);
	for (s = 0; s < NSTREET; s++)
		for (k = 0; demo_streets[s].comms[k] != NULL; k++) {
			c = &w->comm[w->ncomm++];
			c->id = id++;
			c->street = s;
			c->sort = k;
			c->street_id = 2 + (unsigned)s;
			c->name = demo_streets[s].comms[k];
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
region_row(struct db_bulk *b, unsigned id, unsigned parent, int level,
    const char *code, const char *name, unsigned street, unsigned comm,
    int sort)
{
	db_bulk_row(b);
	db_bulk_int(b, id);
	db_bulk_ref(b, parent);
	db_bulk_int(b, level);
	db_bulk_str(b, code);
	db_bulk_str(b, name);
	db_bulk_int(b, 1);
	db_bulk_ref(b, street);
	db_bulk_ref(b, comm);
	db_bulk_int(b, sort);
	db_bulk_row_end(b);
}

/* The region tree with administrative codes; returns 0 or -1. */
int
demo_load_regions(struct world *w)
{
	const struct community *c;
	struct db_bulk	*b;
	char		 code[40], name[96];
	int		 s, i, g;

	if ((b = db_bulk_open(w->cfg, SQL_BULK_REGION, "regions", 500)) ==
	    NULL)
		return -1;
	region_row(b, 1, 0, 1, "330108", "滨江区", 0, 0, 0);
	for (s = 0; s < NSTREET; s++) {
		snprintf(code, sizeof(code), "330108%03d", s + 1);
		region_row(b, 2 + (unsigned)s, 1, 2, code,
		    demo_streets[s].name, 2 + (unsigned)s, 0, s);
	}
	for (i = 0; i < w->ncomm; i++) {
		c = &w->comm[i];
		snprintf(code, sizeof(code), "330108%03d%03d", c->street + 1,
		    c->sort + 1);
		region_row(b, c->id, c->street_id, 3, code, c->name,
		    c->street_id, c->id, c->sort);
		for (g = 0; g < c->ngrid; g++) {
			snprintf(code, sizeof(code), "330108%03d%03d%03d",
			    c->street + 1, c->sort + 1, g + 1);
			snprintf(name, sizeof(name), "%s第%d网格", c->name,
			    g + 1);
			region_row(b, c->grid0 + (unsigned)g, c->id, 4, code,
			    name, c->street_id, c->id, g);
		}
	}
	return db_bulk_close(b);
}

/*
 * Two residential compounds (小区) per grid, named after the community
 * as compounds there often are ("星民" + "花园"); every third with an
 * alias or two, two in three with a point near the community's centre.
 * Returns 0 or -1.
 */
int
demo_load_compounds(struct world *w)
{
	static const char *const suffix[] = { "花园", "家园", "新村",
	    "公寓", "雅苑", "嘉园", "名邸", "水岸", "花苑", "锦园", "府",
	    "人家", "景苑", "华庭" };
	static const char *const alias[] = { "小区", "一期", "北区" };
	const struct community *c;
	struct db_bulk	*b;
	char		 stem[64], name[96], al[160], lat[16], lng[16];
	unsigned	 id = 1;
	size_t		 len;
	int		 i, g, k, s;

	if ((b = db_bulk_open(w->cfg, SQL_BULK_COMPOUND, "compounds", 500)) ==
	    NULL)
		return -1;
	for (i = 0; i < w->ncomm; i++) {
		c = &w->comm[i];
		/* The community's name without its last word 社区. */
		snprintf(stem, sizeof(stem), "%s", c->name);
		if ((len = strlen(stem)) > strlen("社区") &&
		    strcmp(stem + len - strlen("社区"), "社区") == 0)
			stem[len - strlen("社区")] = '\0';
		for (g = 0; g < c->ngrid; g++)
			for (k = 0; k < 2; k++, id++) {
				s = (2 * g + k) % NELEM(suffix);
				snprintf(name, sizeof(name), "%s%s", stem,
				    suffix[s]);
				al[0] = '\0';
				if (id % 3 == 0)
					snprintf(al, sizeof(al), "%s%s|%s%s",
					    stem, alias[id % 2],
					    name, alias[1 + id % 2]);
				db_bulk_row(b);
				db_bulk_int(b, id);
				db_bulk_str(b, name);
				db_bulk_str(b, al);
				db_bulk_int(b, c->grid0 + (unsigned)g);
				if (id % 3 == 1) {
					db_bulk_null(b);
					db_bulk_null(b);
				} else {
					snprintf(lat, sizeof(lat), "%.6f",
					    c->lat + 0.002 * (g - 3) +
					    0.0007 * k);
					snprintf(lng, sizeof(lng), "%.6f",
					    c->lng + 0.0025 * (k ? 1 : -1) +
					    0.0004 * g);
					db_bulk_str(b, lat);
					db_bulk_str(b, lng);
				}
				db_bulk_row_end(b);
			}
	}
	return db_bulk_close(b);
}

/* The 12 categories in their fixed order; returns 0 or -1. */
int
demo_load_categories(struct world *w)
{
	const struct category *c;
	struct db_bulk	*b;
	int		 i;

	if ((b = db_bulk_open(w->cfg, SQL_BULK_CATEGORY, "categories",
	    16)) == NULL)
		return -1;
	for (i = 0; i < CAT__MAX; i++) {
		c = &demo_cats[i];
		db_bulk_row(b);
		db_bulk_int(b, i + 1);
		db_bulk_str(b, c->code);
		db_bulk_str(b, c->name);
		db_bulk_str(b, c->desc);
		db_bulk_int(b, c->hours);
		db_bulk_int(b, c->days);
		db_bulk_int(b, i + 1);
		db_bulk_row_end(b);
	}
	return db_bulk_close(b);
}

unsigned
demo_user_region(const struct world *w, int u, char *name, size_t sz)
{
	const struct community *c = &w->comm[demo_users[u].nth];

	switch (demo_users[u].level) {
	case 1:
		snprintf(name, sz, "滨江区");
		return 1;
	case 2:
		snprintf(name, sz, "%s", demo_streets[0].name);
		return w->comm[0].street_id;
	case 3:
		snprintf(name, sz, "%s", c->name);
		return c->id;
	default:
		snprintf(name, sz, "%s第%d网格", w->comm[0].name,
		    demo_users[u].nth + 1);
		return w->comm[0].grid0 + (unsigned)demo_users[u].nth;
	}
}

/* The staff accounts, all with DEMO_PASSWORD; returns 0 or -1. */
int
demo_load_users(struct world *w)
{
	const struct demo_user *du;
	struct db_bulk	*b;
	char		 hash[DB_PWHASH_MAX], name[96];
	unsigned	 region;
	int		 u, rc = 0;

	if (sodium_init() < 0) {
		fprintf(stderr, "lianxin: demo: libsodium does not start\n");
		return -1;
	}
	if ((b = db_bulk_open(w->cfg, SQL_BULK_USER, "users", 8)) == NULL)
		return -1;
	for (u = 0; u < U__END - 1; u++) {
		du = &demo_users[u];
		if (db_password_hash(DEMO_PASSWORD, hash) != DB_OK) {
			fprintf(stderr, "lianxin: demo: out of memory\n");
			rc = -1;
			break;
		}
		region = demo_user_region(w, u, name, sizeof(name));
		db_bulk_row(b);
		db_bulk_int(b, u + 1);
		db_bulk_str(b, du->username);
		db_bulk_str(b, du->display);
		db_bulk_str(b, word_role[du->role].code);
		db_bulk_int(b, region);
		db_bulk_str(b, hash);
		db_bulk_time(b, w->start);
		db_bulk_row_end(b);
	}
	return db_bulk_close(b) == -1 ? -1 : rc;
}

void
demo_person(struct rng *r, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s%s", PICK(r, surnames), PICK(r, givens));
}

