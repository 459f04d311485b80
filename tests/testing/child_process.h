// Running a helper program whose standard output a crash test reads, so that it
// can be killed with SIGKILL at a moment of the test's choosing.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace huzhu::testing {

struct Child {
  pid_t pid = -1;
  int stdout_fd = -1;
};

// Starts `program` with `args`; its standard output goes to the returned pipe.
Child SpawnReadingStdout(const std::string& program, const std::vector<std::string>& args);

// Kills the child with SIGKILL and reaps it. Returns false when it had already
// exited by itself (a helper that stops on its own is a failed crash test).
bool KillAndReap(const Child& child);

// Reads the pipe until the child's end closes it; returns the complete lines (a
// torn last line, cut by the kill, is not one).
std::vector<std::string> ReadLines(int fd);

}  // namespace huzhu::testing
