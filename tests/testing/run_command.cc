#include "tests/testing/run_command.h"

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "tests/testing/temp_dir.h"

namespace huzhu::testing {

namespace {
std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

std::string ShellQuote(const std::string& arg) {
  std::string out = "'";
  for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

CommandResult RunCommand(const std::string& command_line) {
  TempDir dir;
  std::string out = dir.Sub("out"), err = dir.Sub("err");
  int status = std::system((command_line + " >" + out + " 2>" + err + " </dev/null").c_str());
  CommandResult result;
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  // The shell reports a child killed by signal N as exit code 128 + N.
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  if (result.exit_code > 128) result.signal = result.exit_code - 128;
  if (result.signal != 0) result.exit_code = -1;
  result.out = ReadAll(out);
  result.err = ReadAll(err);
  return result;
}

}  // namespace huzhu::testing
