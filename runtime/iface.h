/*
 * interface{} as the runtime and programs share it: a type descriptor
 * and one word of data.  A nil descriptor is the nil interface; a type
 * with an Error method is an error.
 */
#ifndef CROSSRT_IFACE_H
#define CROSSRT_IFACE_H

#include <stdint.h>

enum { KindString = 1, KindInt, KindError };

struct _type {
	const char *string;	/* Go's name for the type */
	uint8_t kind;
	const char *(*Error)(void *data);
};

typedef struct eface {
	const struct _type *_type;
	void *data;
} eface;

extern const struct _type string_type, int_type, errorString_type;
eface errors_New(const char *text);

/* fmt.Sprint(v), for printf's %s: printf("%s\n", sprint(v).s) */
struct sprintbuf {
	char s[128];
};
struct sprintbuf sprint(eface v);

#endif
