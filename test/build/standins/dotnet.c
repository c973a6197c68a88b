/*
 * Stand-in for the programs of Microsoft's .NET images, for the build oracle (test/build). Static, no libraries.
 *
 * Called by any name but `dotnet` (an apphost `./App`, a tool a stand-in apt-get "installed"): prints its
 * arguments, argv[1..], as one JSON array on stdout and exits 0. What the oracle compares is that array.
 *
 * Called as `dotnet`, it is the host (the muxer), as strict as the real one about what it is asked to run:
 *   dotnet                      prints [] (the real one prints its usage)
 *   dotnet --info, -h, ...      host options: prints its arguments
 *   dotnet <file> args...       "runs" the app: prints its arguments, if <file> is a stand-in assembly (its text
 *                               says "stand-in assembly"); else fails, as the real host does ("The application
 *                               '<file>' does not exist", or not an assembly), so `dotnet /bin/sh -c ...` (a
 *                               shell-form CMD under the images' ENTRYPOINT ["/usr/bin/dotnet"]) and
 *                               `dotnet /usr/bin/dotnet App.dll` fail to start
 * Built with -DSTANDIN_SDK it is also the SDK:
 *   dotnet restore|build|publish|test [project] [options]
 *     The project is the argument (a project file, or a folder with one project file) or the single project file
 *     in the working directory; none or several fail as MSBuild does. restore writes obj/project.assets.json;
 *     build and publish restore first unless --no-restore, which then needs that file (NETSDK1004).
 *     publish writes <Name>.dll and the apphost <Name> (a copy of this program) into -o DIR, --output DIR,
 *     -o:DIR, --output=DIR ..., default <project dir>/bin/<Configuration>/<TargetFramework>/publish.
 *   dotnet <other command> ...  prints its arguments (tool restore, new, dev-certs: nothing to emulate)
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void print_json_string(const char *s) {
  putchar('"');
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\') {
      putchar('\\');
      putchar(*p);
    } else if (*p < 0x20 || *p == 0x7f) {
      printf("\\u%04x", *p);
    } else {
      putchar(*p); /* UTF-8 bytes pass through as they are */
    }
  }
  putchar('"');
}

static int print_arguments(int argc, char **argv) {
  putchar('[');
  for (int i = 1; i < argc; i++) {
    if (i > 1) putchar(',');
    print_json_string(argv[i]);
  }
  puts("]");
  fflush(stdout);
  /* buildah 1.28 with chroot isolation now and then drops the output of a process that exits at once after
     writing it (about 1 run in 100 here); a moment before exiting lets it read the pipe (none in 400 runs). */
  usleep(30000);
  return 0;
}

static const char *base_name(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

static int is_regular_file(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The stand-in assemblies (what the stand-in SDK publishes, what the fix cases put in their build contexts) say so. */
static int is_assembly(const char *path) {
  char head[64] = {0};
  FILE *f = fopen(path, "r");
  if (!f) return 0;
  size_t n = fread(head, 1, sizeof head - 1, f);
  fclose(f);
  head[n] = '\0';
  return strstr(head, "stand-in assembly") != NULL;
}

static int run_app(int argc, char **argv) {
  if (!is_regular_file(argv[1])) {
    fprintf(stderr,
            "The command could not be loaded, possibly because:\n"
            "  * You intended to execute a .NET application:\n"
            "      The application '%s' does not exist.\n",
            argv[1]);
    return 1;
  }
  /* The real host refuses a file that is no .NET assembly (`dotnet /usr/bin/dotnet`, `dotnet ./App` for an apphost). */
  if (!is_assembly(argv[1])) {
    fprintf(stderr, "Cannot execute '%s': it is not a .NET assembly.\n", argv[1]);
    return 1;
  }
  return print_arguments(argc, argv);
}

#ifdef STANDIN_SDK

static int is_directory(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int is_project_file(const char *name) {
  return ends_with(name, ".csproj") || ends_with(name, ".fsproj") || ends_with(name, ".vbproj");
}

static int mkdir_p(const char *path) {
  char buf[4096];
  if (strlen(path) >= sizeof buf) return -1;
  strcpy(buf, path);
  for (char *p = buf + 1; *p; p++) {
    if (*p != '/') continue;
    *p = '\0';
    if (mkdir(buf, 0755) != 0 && errno != EEXIST) return -1;
    *p = '/';
  }
  if (mkdir(buf, 0755) != 0 && errno != EEXIST) return -1;
  return 0;
}

static int write_text(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  if (!f) return -1;
  fputs(text, f);
  return fclose(f);
}

static int copy_self(const char *to) {
  int in = open("/proc/self/exe", O_RDONLY);
  if (in < 0) return -1;
  int out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0755);
  if (out < 0) {
    close(in);
    return -1;
  }
  char buf[65536];
  ssize_t n;
  while ((n = read(in, buf, sizeof buf)) > 0) {
    if (write(out, buf, (size_t)n) != n) n = -1;
    if (n < 0) break;
  }
  close(in);
  close(out);
  return n < 0 ? -1 : 0;
}

/* The single project file in `dir` into `out`; 0 on success, else prints MSBuild's error. */
static int single_project_in(const char *dir, char *out, size_t size) {
  DIR *d = opendir(dir);
  int found = 0;
  if (d) {
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
      if (!is_project_file(e->d_name)) continue;
      if (found++ == 0) snprintf(out, size, "%s/%s", dir, e->d_name);
    }
    closedir(d);
  }
  if (found == 1) return 0;
  if (found == 0)
    fprintf(stderr, "MSBUILD : error MSB1003: Specify a project or solution file. The current working directory does not contain a project or solution file.\n");
  else
    fprintf(stderr, "MSBUILD : error MSB1011: Specify which project or solution file to use because this folder contains more than one project or solution file.\n");
  return 1;
}

/* The <TargetFramework> of the project file, else net10.0. */
static void target_framework(const char *project, char *out, size_t size) {
  snprintf(out, size, "net10.0");
  FILE *f = fopen(project, "r");
  if (!f) return;
  char text[16384];
  size_t n = fread(text, 1, sizeof text - 1, f);
  fclose(f);
  text[n] = '\0';
  const char *open_tag = strstr(text, "<TargetFramework>");
  if (!open_tag) return;
  open_tag += strlen("<TargetFramework>");
  const char *close_tag = strstr(open_tag, "</TargetFramework>");
  if (!close_tag || (size_t)(close_tag - open_tag) >= size) return;
  snprintf(out, size, "%.*s", (int)(close_tag - open_tag), open_tag);
}

/* The value of an option written `-o DIR`, `-o:DIR` or `-o=DIR`; advances *i past a separate value. */
static const char *option_value(int argc, char **argv, int *i, const char *name) {
  const char *s = argv[*i];
  size_t n = strlen(name);
  if (strcmp(s, name) == 0) return *i + 1 < argc ? argv[++*i] : "";
  if (strncmp(s, name, n) == 0 && (s[n] == ':' || s[n] == '=')) return s + n + 1;
  return NULL;
}

static const char *const OPTIONS_WITH_VALUES[] = {
    "-r", "--runtime", "-f", "--framework", "-a", "--arch", "--os", "-v", "--verbosity", "--version-suffix",
    "-s", "--source", "--packages", "-l", "--logger", "--filter", "--results-directory", "--settings", "-e",
    "--environment", "--configfile", "--property", NULL};

static int takes_value(const char *option) {
  for (int k = 0; OPTIONS_WITH_VALUES[k]; k++)
    if (strcmp(option, OPTIONS_WITH_VALUES[k]) == 0) return 1;
  return 0;
}

static int sdk_command(int argc, char **argv) {
  const char *command = argv[1];
  const char *output = NULL, *configuration = NULL, *project_arg = NULL, *v;
  int no_restore = 0;
  for (int i = 2; i < argc; i++) {
    const char *s = argv[i];
    if ((v = option_value(argc, argv, &i, "-o")) || (v = option_value(argc, argv, &i, "--output"))) output = v;
    else if ((v = option_value(argc, argv, &i, "-c")) || (v = option_value(argc, argv, &i, "--configuration"))) configuration = v;
    else if (strcmp(s, "--no-restore") == 0) no_restore = 1;
    else if (strcmp(s, "--self-contained") == 0 || strcmp(s, "--sc") == 0) {
      if (i + 1 < argc && (strcmp(argv[i + 1], "true") == 0 || strcmp(argv[i + 1], "false") == 0)) i++;
    } else if (takes_value(s)) i++;
    else if (s[0] == '-' || s[0] == '/') continue; /* -p:Name=Value, /p:..., --no-build, --nologo */
    else if (!project_arg) project_arg = s;
    else {
      fprintf(stderr, "MSBUILD : error MSB1008: Only one project can be specified.\n");
      return 1;
    }
  }

  char project[4096];
  if (!project_arg) {
    if (single_project_in(".", project, sizeof project)) return 1;
  } else if (is_directory(project_arg)) {
    if (single_project_in(project_arg, project, sizeof project)) return 1;
  } else if (is_project_file(project_arg) && is_regular_file(project_arg)) {
    snprintf(project, sizeof project, "%s", project_arg);
  } else {
    fprintf(stderr, "MSBUILD : error MSB1009: Project file does not exist.\nSwitch: %s\n", project_arg);
    return 1;
  }

  char dir[4096], name[4096], tfm[256], path[16384];
  snprintf(dir, sizeof dir, "%s", project);
  char *slash = strrchr(dir, '/');
  if (slash) *slash = '\0';
  else snprintf(dir, sizeof dir, ".");
  snprintf(name, sizeof name, "%s", base_name(project));
  *strrchr(name, '.') = '\0';
  target_framework(project, tfm, sizeof tfm);

  char assets[8192];
  snprintf(assets, sizeof assets, "%s/obj/project.assets.json", dir);
  if (strcmp(command, "restore") == 0 || !no_restore) {
    snprintf(path, sizeof path, "%s/obj", dir);
    if (mkdir_p(path) || write_text(assets, "{ \"version\": 3, \"standIn\": true }\n")) {
      fprintf(stderr, "error: cannot write %s: %s\n", assets, strerror(errno));
      return 1;
    }
    printf("  Restored %s\n", project);
    if (strcmp(command, "restore") == 0) return 0;
  } else if (!is_regular_file(assets)) {
    fprintf(stderr, "error NETSDK1004: Assets file '%s' not found. Run a NuGet package restore to generate this file.\n", assets);
    return 1;
  }
  if (strcmp(command, "test") == 0) {
    printf("Passed!  - Failed:     0, Passed:     1, Skipped:     0, Total:     1 - %s.dll (%s)\n", name, tfm);
    return 0;
  }

  const int publish = strcmp(command, "publish") == 0;
  char out[8192];
  if (output) snprintf(out, sizeof out, "%s", output);
  else snprintf(out, sizeof out, "%s/bin/%s/%s%s", dir, configuration ? configuration : publish ? "Release" : "Debug", tfm, publish ? "/publish" : "");
  char assembly[8192];
  snprintf(assembly, sizeof assembly, "stand-in assembly %s (%s)\n", name, tfm);
  snprintf(path, sizeof path, "%s/%s.dll", out, name);
  if (mkdir_p(out) || write_text(path, assembly)) {
    fprintf(stderr, "error MSB3021: Unable to write %s: %s\n", path, strerror(errno));
    return 1;
  }
  snprintf(path, sizeof path, "%s/%s", out, name);
  if (copy_self(path)) {
    fprintf(stderr, "error MSB3021: Unable to write the apphost %s: %s\n", path, strerror(errno));
    return 1;
  }
  printf("  %s -> %s/\n", name, out);
  return 0;
}

#endif

int main(int argc, char **argv) {
  if (strcmp(base_name(argv[0]), "dotnet") != 0) return print_arguments(argc, argv);
  if (argc < 2 || argv[1][0] == '-') return print_arguments(argc, argv);
#ifdef STANDIN_SDK
  const char *c = argv[1];
  if (!strcmp(c, "restore") || !strcmp(c, "build") || !strcmp(c, "publish") || !strcmp(c, "test")) return sdk_command(argc, argv);
  /* Another SDK command (tool restore, new, dev-certs, ef): nothing to emulate, unless it names a file to run. */
  if (!strchr(c, '/') && !strchr(c, '.')) return print_arguments(argc, argv);
#endif
  return run_app(argc, argv);
}
