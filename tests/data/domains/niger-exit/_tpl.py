import html, json, os

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pages")


def esc(s):
    return html.escape(s, quote=False)


def paras(ps):
    out = []
    for p in ps:
        if p.startswith("<"):
            out.append(p)
        else:
            out.append("<p>" + esc(p) + "</p>")
    return "\n    ".join(out)


def related(items, heading="Related"):
    lis = "".join('<li><a href="/{}/">{}</a></li>'.format(i, esc(t)) for i, t in enumerate(items, 1))
    return '<aside class="related"><h2>{}</h2><ul>{}</ul></aside>'.format(esc(heading), lis)


COOKIE = [
    '<div class="cookie-banner" id="consent"><p>We use cookies to improve your experience and to measure our audience. <button>Accept</button> <button>Settings</button></p></div>',
    '<div id="gdpr"><span>This site stores cookies on your device. By continuing you agree to our cookie policy.</span> <a href="/cookies/">Learn more</a> <button>OK</button></div>',
    '<div class="consent-bar">Nous utilisons des cookies pour mesurer l\'audience. <button>Tout accepter</button> <button>Refuser</button></div>',
]

SHARE = '<div class="share"><a href="#">Share on X</a> <a href="#">Facebook</a> <a href="#">WhatsApp</a> <a href="#">Email</a> <a href="#">Copy link</a></div>'


def nav(items):
    return "<nav><ul>" + "".join('<li><a href="/{}/">{}</a></li>'.format(i.lower().replace(" ", "-"), esc(i)) for i in items) + "</ul></nav>"


def footer(outlet, year, extra=""):
    return ('<footer><p>&copy; {} {}. All rights reserved.</p>{}<ul><li><a href="/privacy/">Privacy</a></li>'
            '<li><a href="/terms/">Terms</a></li><li><a href="/contact/">Contact us</a></li></ul></footer>').format(year, esc(outlet), extra)


def page(d):
    kind = d["kind"]
    t = esc(d["title"])
    outlet = d["outlet"]
    year = d["published"][:4]
    lang = d.get("lang", "en")
    head_extra = ""
    visible_date = d.get("visible_date", "")
    if kind in ("wire", "digest"):
        head_extra = '<meta property="article:published_time" content="{}">\n<meta property="og:type" content="article">'.format(d["published"])
    elif kind == "jsonld":
        head_extra = '<script type="application/ld+json">{}</script>'.format(json.dumps({
            "@context": "https://schema.org", "@type": "NewsArticle", "headline": d["title"],
            "datePublished": d["published"], "publisher": {"@type": "Organization", "name": outlet}}, ensure_ascii=False))
    elif kind == "dcterms":
        head_extra = '<meta name="dcterms.date" content="{}">\n<meta name="author" content="{}">'.format(d["published"][:10], esc(d.get("byline", outlet)))
    elif kind == "live":
        head_extra = '<script type="application/ld+json">{}</script>'.format(json.dumps({
            "@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": d["title"],
            "datePublished": d["published"], "coverageStartTime": d["published"]}, ensure_ascii=False))
    # kinds "visible" and "newsletter": date only in visible text
    cookie = COOKIE[d.get("cookie", 0)]
    navhtml = nav(d.get("nav", ["World", "Africa", "Politics", "Business", "Opinion", "Video"]))
    body = paras(d["body"])
    rel = related(d.get("related", []), d.get("related_heading", "Related")) if d.get("related") else ""
    byline = esc(d.get("byline", "Staff reporter"))
    kicker = esc(d.get("section", "Africa"))
    date_line = '<div class="dateline">{}</div>'.format(esc(visible_date)) if visible_date else ""
    url = d["url"]
    if kind == "newsletter":
        main = """<main class="newsletter">
  <table class="wrapper" width="100%"><tr><td>
  <div class="preheader">{pre}</div>
  <h1>{t}</h1>
  {date_line}
    {body}
  <p class="unsub"><a href="/unsubscribe/">Unsubscribe</a> | <a href="/preferences/">Manage preferences</a> | <a href="/archive/">View in browser</a></p>
  </td></tr></table>
</main>""".format(pre=esc(d.get("pre", "")), t=t, date_line=date_line, body=body)
    elif kind == "live":
        main = """<main class="liveblog">
  <div class="live-badge">LIVE</div>
  <h1>{t}</h1>
  <p class="standfirst">{sf}</p>
  {SHARE}
  <section class="live-entries">
    {body}
  </section>
  <button class="load-more">Load earlier updates</button>
</main>""".format(t=t, sf=esc(d.get("standfirst", "")), SHARE=SHARE, body=body)
    elif kind == "digest":
        main = """<main class="digest">
  <div class="kicker">{k}</div>
  <h1>{t}</h1>
  {date_line}
  <div class="digest-note">Summaries of official statements, in our own words. Not official texts.</div>
  <article class="digest-body">
    {body}
  </article>
  {SHARE}
</main>""".format(k=kicker, t=t, date_line=date_line, body=body, SHARE=SHARE)
    else:
        main = """<main>
<article class="story">
  <div class="kicker">{k}</div>
  <h1>{t}</h1>
  <div class="byline">{b}</div>
  {date_line}
  {SHARE}
  <div class="story-body">
    {body}
  </div>
  <div class="tags">Topics: {tags}</div>
</article>
{rel}
</main>""".format(k=kicker, t=t, b=byline, date_line=date_line, SHARE=SHARE, body=body,
                  tags=esc(d.get("tags", "Africa, Security")), rel=rel)
        rel = ""
    doc = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{t} | {o}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:title" content="{t}">
<link rel="canonical" href="{url}">
{head_extra}
<style>body{{font-family:{font};max-width:760px;margin:auto}}.cookie-banner,#gdpr,.consent-bar{{position:fixed;bottom:0}}</style>
</head>
<body>
{cookie}
<header class="site-header"><a class="logo" href="/">{O}</a>
{nav}
<form class="search"><input type="search" placeholder="Search"></form>
</header>
{main}
{rel}
{footer}
</body>
</html>
""".format(lang=lang, t=t, o=esc(outlet), url=url, head_extra=head_extra, font=d.get("font", "Georgia,serif"),
           cookie=cookie, O=esc(outlet.upper()), nav=navhtml, main=main, rel=rel,
           footer=footer(outlet, year, d.get("footer_extra", "")))
    with open(os.path.join(OUT, d["file"]), "w", encoding="utf-8") as f:
        f.write(doc)
