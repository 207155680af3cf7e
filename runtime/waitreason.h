/*
 * Why a goroutine parks (gopark's reason), with the names Go 1.19 prints
 * for them: one list for the runtime and the host tools that name the
 * reason at gopark's probe.
 */
#ifndef CROSSRT_WAITREASON_H
#define CROSSRT_WAITREASON_H

#define WAITREASONS(X) \
	X(waitReasonZero, "") \
	X(waitReasonChanReceiveNilChan, "chan receive (nil chan)") \
	X(waitReasonChanSendNilChan, "chan send (nil chan)") \
	X(waitReasonSelectNoCases, "select (no cases)") \
	X(waitReasonChanReceive, "chan receive") \
	X(waitReasonChanSend, "chan send") \
	X(waitReasonSelect, "select") \
	X(waitReasonSleep, "sleep") \
	X(waitReasonSyncWaitGroupWait, "sync.WaitGroup.Wait") \
	X(waitReasonSemacquire, "semacquire") \
	X(waitReasonPreempted, "preempted") \
	X(waitReasonFinalizerWait, "finalizer wait")

#define WAITREASON_ENUM(name, text) name,
#define WAITREASON_TEXT(name, text) [name] = text,

enum { WAITREASONS(WAITREASON_ENUM) waitReasonCount };

#endif
