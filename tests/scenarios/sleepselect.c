/* select with a default, then over two channels fed by sleeping goroutines. */
#include "crossrt.h"

static chan a, b, quit;

struct sleeper {
	chan c;
	const char *name;
	int ms;
};

static void sleeper(void *arg)
{
	struct sleeper *s = arg;

	timeSleep(s->ms * Millisecond);
	chansend1(s->c, &s->name);
}

static void closer(void *arg)
{
	(void)arg;
	closechan(quit);
}

void main_main(void)
{
	static struct sleeper s[3];
	const char *v;
	uint16_t order[4];
	bool ok;

	a = makechan(sizeof(char *), 0);
	b = makechan(sizeof(char *), 0);
	quit = makechan(sizeof(bool), 0);
	if (selectnbrecv(&v, a, &ok))
		printf("unexpected %s\n", v);
	else
		printf("nothing ready\n");
	s[0] = (struct sleeper){ b, "b at 60ms", 60 };
	s[1] = (struct sleeper){ a, "a at 20ms", 20 };
	s[2] = (struct sleeper){ a, "a at 100ms", 100 };
	for (int i = 0; i < 3; i++)
		go(sleeper, &s[i]);
	for (int i = 0; i < 3; i++) {
		struct scase cases[2] = { { a, &v }, { b, &v } };
		switch (selectgo(cases, order, 0, 2, true, &ok)) {
		case 0:
			printf("a: %s\n", v);
			break;
		case 1:
			printf("b: %s\n", v);
			break;
		}
	}
	go(closer, 0);
	ok = chanrecv2(quit, &ok);
	printf("quit open %s\n", ok ? "true" : "false");
}
