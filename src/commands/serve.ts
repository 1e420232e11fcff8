/**
 * `phlb serve`: a read-only web page to browse the backups of a root. Flags -> app options ->
 * Deno.serve; the pages and routes live in src/web/.
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { ExitCode, FatalError, UsageError } from "../errors.ts";
import { exitCodesHelp, helpAfter, jsonOption, quietOption, rootOption } from "./common.ts";
import { errorMessage } from "../errors.ts";
import { currentLanguage, t } from "../i18n/messages.ts";
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
    throw new UsageError(`bad --port "${text}": give 0 to 65535 (0: any free port)`);
  }
  return n;
}

function parseDays(text: string): number {
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(n > 0)) {
    throw new UsageError(`bad --stale-days "${text}": give a number of days above 0`);
  }
  return n;
}

/** Builds the `serve` subcommand. */
export function serveCommand(ctx: CommandContext) {
  return new Command("serve")
    .description("browse the backups in a read-only web page (dashboard, snapshots, files, search, logs)")
    .argument("[root]", "the backup root, as with --root")
    .addOption(rootOption())
    .option("--port <port>", "TCP port; 0 picks a free one (default: 8484)")
    .option(
      "--listen <addr>",
      `address to bind (default ${DEFAULT_LISTEN}: this machine only); any other address lets everyone who can reach it read the backups`,
    )
    .option(
      "--stale-days <days>",
      "flag a backup whose newest complete snapshot is older than this (default: 7)",
    )
    .addOption(jsonOption("print the address as one JSON line on stdout once listening"))
    .addOption(quietOption())
    .addHelpText(
      "after",
      helpAfter({
        text: `
Nothing is written: the index is opened read-only, and only GET and HEAD requests are answered.
Ctrl-C stops the server (exit code 0).`,
        examples: [
          ["phlb serve", "-> http://127.0.0.1:8484/"],
          ["phlb serve /media/usb/backups --port 9000", ""],
          ["phlb serve -r /mnt/backup --port 0 --json", "a free port, said as JSON"],
        ],
        exitCodes: exitCodesHelp([ExitCode.Ok, ExitCode.Fatal, ExitCode.Usage], {
          [ExitCode.Ok]: "stopped with Ctrl-C or SIGTERM",
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
        throw new FatalError(`Cannot listen on ${urlHost(listen)}:${port}: ${errorMessage(err)}`, {
          cause: err,
          hint: err instanceof Deno.errors.AddrInUse
            ? "another program uses that port: choose one with --port"
            : undefined,
        });
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
