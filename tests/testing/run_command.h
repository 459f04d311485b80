// Runs a command line through the shell and captures its exit and output, for
// tests of the `huzhu` executable as a person would use it.
#pragma once

#include <string>

namespace huzhu::testing {

struct CommandResult {
  int exit_code = -1;     // -1 when killed by a signal
  int signal = 0;         // the signal that killed it, else 0
  std::string out;        // standard output
  std::string err;        // standard error
};

CommandResult RunCommand(const std::string& command_line);

// Quotes an argument for the shell.
std::string ShellQuote(const std::string& arg);

}  // namespace huzhu::testing
