/**
 * `phlb serve`: a read-only web page to browse the backups of a root. Flags -> app options ->
 * Deno.serve; the pages and routes live in src/web/.
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { errorMessage, ExitCode, FatalError, UsageError } from "../errors.ts";
import { currentLanguage, msg, t } from "../i18n/messages.ts";
import { exitCodesHelp, helpAfter, jsonOption, quietOption, rootOption } from "./common.ts";
import { printServeStart, printServeStopped } from "../report/serve_report.ts";
import { openRoot } from "../store/root.ts";
import { createApp } from "../web/app.ts";
import { commandConfig, type CommandContext } from "./context.ts";

/** The address served when --listen is not given: this machine only. */
export const DEFAULT_LISTEN = "127.0.0.1";

/** Whether an address is reachable only from this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopback(address: string): boolean {
  const a = address.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  return a === "localhost" || a === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/** The address as it is written in a URL (IPv6 in brackets). */
function urlHost(address: string): string {
  const a = address.replace(/^\[(.*)\]$/, "$1");
  return a.includes(":") ? `[${a}]` : a;
}

/**
 * The Host header values a loopback server answers: a page on another site that rebinds its own
 * DNS name to 127.0.0.1 sends its own name, and is refused.
 */
export function loopbackHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
}

function parsePort(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 65535) {
    throw new UsageError(msg("cli.serve.badPort", { value: text }));
  }
  return n;
}

function parseDays(text: string): number {
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(n > 0)) {
    throw new UsageError(msg("cli.serve.badDays", { value: text }));
  }
  return n;
}

/** Builds the `serve` subcommand. */
export function serveCommand(ctx: CommandContext) {
  return new Command("serve")
    .description(t("cli.serve.description"))
    .argument("[root]", t("cli.arg.rootAsWithRoot"))
    .addOption(rootOption())
    .option("--port <port>", t("cli.serve.opt.port"))
    .option("--listen <addr>", t("cli.serve.opt.listen", { address: DEFAULT_LISTEN }))
    .option("--stale-days <days>", t("cli.serve.opt.staleDays"))
    .addOption(jsonOption(t("cli.serve.opt.json")))
    .addOption(quietOption())
    .addHelpText(
      "after",
      helpAfter({
        text: t("cli.serve.help"),
        examples: [
          ["phlb serve", "-> http://127.0.0.1:8484/"],
          ["phlb serve /media/usb/backups --port 9000", ""],
          ["phlb serve -r /mnt/backup --port 0 --json", t("cli.serve.example.freePort")],
        ],
        exitCodes: exitCodesHelp([ExitCode.Ok, ExitCode.Fatal, ExitCode.Usage], {
          [ExitCode.Ok]: t("cli.serve.exit.ok"),
        }),
      }),
    )
    .action(async (rootArg, opts) => {
      const port = parsePort(opts.port ?? "8484");
      const staleDays = parseDays(opts.staleDays ?? "7");
      const listen = opts.listen ?? DEFAULT_LISTEN;
      const { root: configuredRoot, config } = commandConfig({ flag: opts.root, positional: rootArg });
      const root = openRoot(configuredRoot);
      // The Host allow-list needs the bound port (--port 0), so the app is made after binding.
      let handle = (_request: Request) => new Response("starting\n", { status: 503 });
      let server: Deno.HttpServer<Deno.NetAddr>;
      try {
        server = Deno.serve({
          hostname: listen.replace(/^\[(.*)\]$/, "$1"),
          port,
          signal: ctx.signal,
          onListen: () => {},
          onError: (err) =>
            new Response(`${t("web.error.internal", { error: errorMessage(err) })}\n`, { status: 500 }),
        }, (request) => handle(request));
      } catch (err) {
        throw new FatalError(
          msg("cli.serve.cannotListen", { address: `${urlHost(listen)}:${port}`, error: errorMessage(err) }),
          { cause: err, hint: err instanceof Deno.errors.AddrInUse ? msg("cli.serve.portInUse") : undefined },
        );
      }
      const bound = server.addr.port;
      const loopback = isLoopback(listen);
      const app = createApp({
        root,
        staleDays,
        timestampFormat: config.values.SUB_DIR_FORMATTER,
        allowedHosts: loopback ? loopbackHosts(bound) : undefined,
        // Pages speak the run's language unless a request asks for another with ?lang=.
        language: currentLanguage(),
      });
      handle = app.handle;
      try {
        const report = { json: opts.json, quiet: opts.quiet };
        printServeStart({
          url: `http://${urlHost(listen)}:${bound}/`,
          root,
          exposedTo: loopback ? undefined : `${urlHost(listen)}:${bound}`,
        }, report);
        await server.finished;
        printServeStopped(report);
      } finally {
        app.close();
      }
    });
}
