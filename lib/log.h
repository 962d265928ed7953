/*
 * Logging: one line per event on stderr, with a UTC timestamp.
 * Never pass personal data (names, phone numbers) to these functions.
 */
#ifndef LIANXIN_LOG_H
#define LIANXIN_LOG_H

enum log_level { LOG_ERR, LOG_WARN, LOG_INFO, LOG__MAX };

void	 log_msg(enum log_level, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

#define log_err(...)	log_msg(LOG_ERR, __VA_ARGS__)
#define log_warn(...)	log_msg(LOG_WARN, __VA_ARGS__)
#define log_info(...)	log_msg(LOG_INFO, __VA_ARGS__)

#endif
