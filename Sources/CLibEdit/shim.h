/*
 * shim.h: the small C surface KeysmithLineEditor needs from libedit.
 *
 * Swift cannot call C variadic functions (el_set, el_get, history), and
 * Swift 6 rejects mutable C globals (stdin, stdout), so each call the
 * editor makes gets a one-line non-variadic wrapper here. Nothing clever:
 * one wrapper per line, grouped by what it touches.
 */
#ifndef KEYSMITH_CLIBEDIT_SHIM_H
#define KEYSMITH_CLIBEDIT_SHIM_H

#include <histedit.h>
#include <locale.h>
#include <stdio.h>

typedef char *(*ks_prompt_fn)(EditLine *);
typedef unsigned char (*ks_command_fn)(EditLine *, int);

/* ---- C globals Swift 6 cannot touch ---------------------------------- */
static inline FILE *ks_stdin(void) { return stdin; }
static inline FILE *ks_stdout(void) { return stdout; }
static inline FILE *ks_stderr(void) { return stderr; }

/* ---- Locale: without it libedit edits byte by byte and mangles UTF-8 -- */
static inline void ks_setlocale_ctype(void) { (void)setlocale(LC_CTYPE, ""); }

/* ---- el_set ------------------------------------------------------------ */
static inline int ks_el_set_clientdata(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }
static inline int ks_el_set_prompt_esc(EditLine *el, ks_prompt_fn fn, char esc) { return el_set(el, EL_PROMPT_ESC, fn, esc); }
static inline int ks_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
static inline int ks_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
static inline int ks_el_set_hist(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
static inline int ks_el_addfn(EditLine *el, const char *name, const char *help, ks_command_fn fn) { return el_set(el, EL_ADDFN, name, help, fn); }
/* setty: `mode` "-x" (while commands run) or "-d" (while editing), `flag` such as "+noflsh". */
static inline int ks_el_setty(EditLine *el, const char *mode, const char *flag) { return el_set(el, EL_SETTY, mode, flag, (const char *)NULL); }
static inline int ks_el_bind(EditLine *el, const char *key, const char *command) { return el_set(el, EL_BIND, key, command, (const char *)NULL); }

/* ---- el_get ------------------------------------------------------------ */
static inline void *ks_el_get_clientdata(EditLine *el) { void *data = NULL; el_get(el, EL_CLIENTDATA, &data); return data; }
static inline FILE *ks_el_get_outfile(EditLine *el) { FILE *fp = NULL; el_get(el, EL_GETFP, 1, &fp); return fp; }

/* ---- history() ----------------------------------------------------------- */
static inline int ks_history_setsize(History *h, HistEvent *ev, int size) { return history(h, ev, H_SETSIZE, size); }
static inline int ks_history_setunique(History *h, HistEvent *ev, int unique) { return history(h, ev, H_SETUNIQUE, unique); }
static inline int ks_history_enter(History *h, HistEvent *ev, const char *line) { return history(h, ev, H_ENTER, line); }
static inline int ks_history_load(History *h, HistEvent *ev, const char *path) { return history(h, ev, H_LOAD, path); }
static inline int ks_history_save_fp(History *h, HistEvent *ev, FILE *fp) { return history(h, ev, H_SAVE_FP, fp); }
static inline int ks_history_first(History *h, HistEvent *ev) { return history(h, ev, H_FIRST); }
static inline int ks_history_next(History *h, HistEvent *ev) { return history(h, ev, H_NEXT); }
static inline int ks_history_clear(History *h, HistEvent *ev) { return history(h, ev, H_CLEAR); }
static inline int ks_history_getsize(History *h, HistEvent *ev) { return history(h, ev, H_GETSIZE); }

#endif /* KEYSMITH_CLIBEDIT_SHIM_H */
