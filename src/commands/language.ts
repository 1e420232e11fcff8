/**
 * The language of one run, chosen before the command tree is built (its `--help` texts are in it):
 * `--lang` from the command line, then `LANGUAGE_CODE` from the PyHardLinkBackup.ini in use, then
 * LC_ALL, LC_MESSAGES, LANG, then English (src/i18n/languages.ts decides; this file only gathers).
 * @module
 */
import { readConfig } from "../config/config.ts";
import {
  chooseLanguage,
  isLanguageCode,
  type LanguageChoice,
  type LanguageSources,
} from "../i18n/languages.ts";

/** The value of `--lang` in `args` (`--lang de`, `--lang=de`), before commander parses them. */
export function langArg(args: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") break;
    if (a === "--lang" && i + 1 < args.length) found = args[++i];
    else if (a.startsWith("--lang=")) found = a.slice("--lang=".length);
  }
  return found;
}

function env(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    return undefined;
  }
}

/** `LANGUAGE_CODE` when the ini in use sets it validly; a broken or unreadable ini is the command's to report. */
function iniLanguage(cwd?: string): string | undefined {
  try {
    const config = readConfig(cwd === undefined ? {} : { cwd });
    return config.origins.LANGUAGE_CODE.kind === "file" ? config.values.LANGUAGE_CODE : undefined;
  } catch {
    return undefined;
  }
}

/** The run's language from the command line, the ini and the environment. */
export function runLanguage(args: readonly string[], where: { cwd?: string } = {}): LanguageChoice {
  // A malformed --lang is commander's usage error (program.ts); here it chooses nothing.
  const flag = langArg(args);
  const sources: LanguageSources = {
    flag: flag !== undefined && isLanguageCode(flag) ? flag : undefined,
    ini: iniLanguage(where.cwd),
    env: { LC_ALL: env("LC_ALL"), LC_MESSAGES: env("LC_MESSAGES"), LANG: env("LANG") },
  };
  return chooseLanguage(sources);
}
