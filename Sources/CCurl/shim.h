#ifndef LEADFWD_CCURL_SHIM_H
#define LEADFWD_CCURL_SHIM_H
#include <curl/curl.h>
#include <signal.h>

// curl_easy_setopt / curl_easy_getinfo are C variadics, which Swift cannot call:
// one typed wrapper per argument kind.
static inline CURLcode lf_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode lf_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode lf_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode lf_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode lf_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode lf_setopt_write_callback(CURL *h, CURLoption o, size_t (*cb)(char *, size_t, size_t, void *)) { return curl_easy_setopt(h, o, cb); }
static inline CURLcode lf_setopt_debug_callback(CURL *h, curl_debug_callback cb) { return curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, cb); }
static inline CURLcode lf_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode lf_getinfo_socket(CURL *h, curl_socket_t *v) { return curl_easy_getinfo(h, CURLINFO_ACTIVESOCKET, v); }
static inline CURLcode lf_getinfo_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }

// CURL_GLOBAL_DEFAULT is a macro expression Swift does not import.
static inline CURLcode lf_global_init_default(void) { return curl_global_init(CURL_GLOBAL_DEFAULT); }
static inline long lf_error_size(void) { return CURL_ERROR_SIZE; }

// A write to a socket the peer closed raises SIGPIPE (OpenSSL does not ask the kernel not to), which would kill the
// process; ignore it so the write fails with an error instead. Leaves a handler someone else installed alone.
static inline void lf_ignore_sigpipe_if_default(void) {
    struct sigaction current;
    if (sigaction(SIGPIPE, NULL, &current) == 0 && current.sa_handler == SIG_DFL) signal(SIGPIPE, SIG_IGN);
}

#endif
