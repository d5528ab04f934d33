# Varnish in front of Newsroom: keeps reader pages by their Cache-Control,
# purges them by tag (pagecache.purgers.VarnishPurger), passes what is private.
#
# varnishd -a :80 -f pagecache/varnish/newsroom.vcl -s malloc,256m
# The app then needs CACHE_PURGE_URL=http://<varnish host>:<port>/
vcl 4.1;

# The app (gunicorn or nginx in front of it). Tests rewrite the port.
backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

# Who may ban: the app servers.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (!req.http.X-Purge-Tags) {
            return (synth(400, "X-Purge-Tags missing"));
        }
        # Tags are space-separated; a page goes when its Surrogate-Key holds any of them.
        ban("obj.http.Surrogate-Key ~ (^|\s)(" + regsuball(req.http.X-Purge-Tags, "\s+", "|") + ")(\s|$)");
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The desk, previews and comment posting are never shared.
    if (req.url ~ "^/(admin|preview|comments/(post|mine))/") {
        return (pass);
    }
    # A session or a reader's own pending comments: the page is rendered for that browser.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|newsroom_own_comments)=[^;]") {
        return (pass);
    }
    # No other cookie changes a reader page.
    unset req.http.Cookie;
    # The app compresses once per page in brotli and gzip: ask it for the best the client takes.
    if (req.http.Accept-Encoding ~ "br") {
        set req.http.X-Encoding = "br";
    } elsif (req.http.Accept-Encoding ~ "gzip") {
        set req.http.X-Encoding = "gzip";
    } else {
        set req.http.X-Encoding = "identity";
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(req.http.host);
    hash_data(req.http.X-Encoding);
    return (lookup);
}

sub vcl_backend_fetch {
    if (bereq.http.X-Encoding) {
        set bereq.http.Accept-Encoding = bereq.http.X-Encoding;
    }
}

sub vcl_backend_response {
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "private|no-store") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # The TTL comes from s-maxage; keep objects a day past it for when the app is down.
    set beresp.grace = 30s;
    set beresp.keep = 1d;
}

sub vcl_backend_error {
    # stale-if-error: an object past its grace still answers while the app is down.
    if (bereq.is_bgfetch) {
        return (abandon);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
