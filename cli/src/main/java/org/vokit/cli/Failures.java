package org.vokit.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.vokit.VoException;
import picocli.CommandLine;

/**
 * Turns failures into one line on standard error and a non-zero exit status: the command, the
 * service that failed and the service's own words. A stack trace only with {@code --debug}.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {

    /** Exit status for a failure of the service or the data. */
    static final int SERVICE_FAILURE = 1;
    /** Exit status for bad command-line input. */
    static final int USAGE = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        Throwable t = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        boolean usage = t instanceof IllegalArgumentException || t instanceof CommandLine.ParameterException;
        err.println(cl.getCommandSpec().qualifiedName() + ": " + describe(t));
        if (debug(parsed)) {
            t.printStackTrace(err);
        }
        err.flush();
        return usage ? USAGE : SERVICE_FAILURE;
    }

    static int parameterError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName();
        err.println(name + ": " + oneLine(ex.getMessage()));
        err.println("Try '" + name + " --help' for the options.");
        err.flush();
        return USAGE;
    }

    /** The most of a service's error page shown. */
    static final int EXCERPT = 160;

    static String describe(Throwable t) {
        if (t instanceof org.vokit.HttpStatusException h) {
            String where = h.uri().map(u -> u + ": ").orElse("");
            String body = excerpt(h.bodyExcerpt());
            return oneLine(where + "HTTP " + h.status() + (body.isEmpty() ? "" : " (" + body + ")"));
        }
        if (t instanceof VoException ve) {
            String where = ve.uri().map(u -> u + ": ").orElse("");
            return oneLine(where + ve.detail());
        }
        String m = t.getMessage();
        return oneLine(m == null ? t.getClass().getSimpleName() : m);
    }

    /**
     * A short excerpt of an error page: the text of an HTML page (its title, else its body,
     * without tags, scripts and styles), whitespace collapsed, cut at {@value #EXCERPT} characters.
     */
    static String excerpt(String body) {
        if (body == null) {
            return "";
        }
        String text = body;
        if (text.matches("(?is)\\s*(<!doctype html|<html|<head|<body|<h1|<title).*")) {
            java.util.regex.Matcher title = java.util.regex.Pattern.compile("(?is)<title[^>]*>(.*?)</title>").matcher(text);
            String t = title.find() ? title.group(1) : "";
            String b = text.replaceAll("(?is)<(script|style|head)[^>]*>.*?</\\1>", " ").replaceAll("(?s)<[^>]*>", " ");
            text = (t.isBlank() ? "" : t + ": ") + b.replace(t, "");
            text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                    .replace("&nbsp;", " ").replace("&amp;", "&");
        }
        text = text.replaceAll("\\s+", " ").strip();
        if (text.endsWith(":")) {
            text = text.substring(0, text.length() - 1);
        }
        return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT).stripTrailing() + "...";
    }

    static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    private static boolean debug(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
