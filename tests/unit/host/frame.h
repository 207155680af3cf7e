/* Host stand-in for the arch frame.h: the runtime sources under test walk no frames. */
#ifndef ARCH_FRAME_H
#define ARCH_FRAME_H
#endif
