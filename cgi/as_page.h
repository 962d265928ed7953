/*
 * What the assessment pages share (考评, issue 22: cgi/as_common.c): who
 * may see a round and how much of it, its table live or frozen, and the
 * cells every page, board and export writes the same way.
 */
#ifndef LIANXIN_AS_PAGE_H
#define LIANXIN_AS_PAGE_H

#include "assessdb.h"
#include "staff.h"

/* Staff who may open the assessment pages at all. */
#define AS_ROLES	(ROLE_BIT(ROLE_GRID) | ROLE_BIT(ROLE_COMMUNITY) | \
	ROLE_BIT(ROLE_STREET) | ROLE_BIT(ROLE_DISTRICT) | ROLE_BIT(ROLE_ADMIN))
/* ... who run rounds (of their region) and enter scores. */
#define AS_RUNNERS	(ROLE_BIT(ROLE_STREET) | ROLE_BIT(ROLE_DISTRICT) | \
	ROLE_BIT(ROLE_ADMIN))
/* ... who define schemes (at the district). */
int	 as_may_define(const struct staff *);

/* How much of a round a user sees. */
enum as_view {
	AS_VIEW_ALL,	/* the round's region lies in the user's scope and
			   the user runs rounds: everything, every state */
	AS_VIEW_OWN,	/* the user lies below the round's region: a
			   published round's rows of the user's scope */
};

/*
 * Round id (a path segment's value) as user s sees it: 0 with *o and
 * *view set, or -1 after answering 404 (not there, or not to be seen)
 * or the database failure.
 */
int	 as_round_load(struct req *, const struct staff *, long long id,
	    struct db_as_round *o, enum as_view *view);
/*
 * The table of round o: frozen when published, else live (now).  NULL
 * after answering the failure; free() it.
 */
struct db_as_table *as_table_load(struct req *, const struct db_as_round *);
/* May s see row i of t in view? */
int	 as_row_visible(const struct staff *, enum as_view,
	    const struct db_as_table *, size_t i);
/* The rows of t in rank order: order[0..n-1] (indices). */
void	 as_rank_order(const struct db_as_table *, size_t *order);

/* "85.30" from hundredths. */
void	 as_points_txt(char *buf, size_t sz, long long c);
/* A value as text: "93.5%（187/200）", or the flag's words (无数据,
 * 参评率不足), "已打分"/"未打分" for scores; *few set for 样本不足. */
void	 as_value_txt(char *buf, size_t sz, const struct db_as_ind *,
	    const struct db_as_result *);
/* The round's period "2025-01-01 至 2025-12-31". */
void	 as_period_txt(char *buf, size_t sz, const struct db_as_round *);
/* The sentence under a table: frozen (with its as-of) or provisional. */
void	 as_table_note(char *buf, size_t sz, const struct db_as_table *);
/* The round's short navigation (round page, board, exports, chart). */
void	 as_round_links(struct buf *, const struct db_as_round *,
	    enum as_view);
/* The tie rule, as pages and exports state it. */
#define AS_TIE_RULE	"总分相同时，依次比较方案中各项指标（按方案顺序）的" \
	"得分，高者在前；仍相同时按区划代码（两新组织按编号）从小到大排列。"
#define AS_POINTS_RULE	"系统数据和民主测评指标得分 = 权重 × " \
	"(数值 − 底线) ÷ (目标 − 底线)，不低于0、不高于权重，四舍五入到0.01分；" \
	"分母为0记“无数据”得0分；分母少于最少样本数记“样本不足”（照常计分，" \
	"在表中标出）；测评参评率（已用测评码 ÷ 发放测评码）低于本轮最低" \
	"参评率记“参评率不足”，不显示数值，得0分。"

#endif
