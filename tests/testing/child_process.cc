#include "tests/testing/child_process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "events/check.h"

namespace huzhu::testing {

Child SpawnReadingStdout(const std::string& program, const std::vector<std::string>& args) {
  int fds[2];
  HUZHU_CHECK(pipe(fds) == 0);
  pid_t pid = fork();
  HUZHU_CHECK(pid >= 0);
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    std::vector<char*> argv{const_cast<char*>(program.c_str())};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(program.c_str(), argv.data());
    _exit(127);
  }
  close(fds[1]);
  return Child{pid, fds[0]};
}

bool KillAndReap(const Child& child) {
  kill(child.pid, SIGKILL);
  int wstatus = 0;
  HUZHU_CHECK(waitpid(child.pid, &wstatus, 0) == child.pid);
  return WIFSIGNALED(wstatus);
}

std::vector<std::string> ReadLines(int fd) {
  std::string all;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) all.append(buf, static_cast<size_t>(n));
  close(fd);
  std::vector<std::string> lines;
  size_t pos = 0;
  for (size_t end; (end = all.find('\n', pos)) != std::string::npos; pos = end + 1) {
    lines.push_back(all.substr(pos, end - pos));
  }
  return lines;
}

}  // namespace huzhu::testing
