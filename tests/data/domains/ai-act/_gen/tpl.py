import html, json, os

OUT = os.path.join(os.path.dirname(__file__), '..', 'pages')


def esc(s):
    return html.escape(s, quote=True)


def related(items):
    return '\n'.join(f'    <li><a href="/{i}/">{t}</a></li>' for i, t in enumerate(items, 1))


def t_wire(p):
    return f'''<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(p['title'])} | {esc(p['outlet'])}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:type" content="article">
<meta property="og:title" content="{esc(p['title'])}">
<meta property="og:site_name" content="{esc(p['outlet'])}">
<meta property="article:published_time" content="{p['iso']}">
<meta property="article:section" content="{esc(p.get('section','World'))}">
<link rel="canonical" href="{p['url']}">
<style>body{{font-family:Georgia,serif;margin:0}}.cookie{{position:fixed;bottom:0;background:#eee;width:100%}}.story{{max-width:720px;margin:auto}}</style>
</head>
<body>
<div class="cookie" id="consent">
  <p>We use cookies to personalise content and ads and to analyse our traffic. <button>Accept all</button> <button>Manage choices</button></p>
</div>
<header class="site-header">
  <a class="logo" href="/">{esc(p['outlet']).upper()}</a>
  <nav>
    <ul>
      <li><a href="/world/">World</a></li>
      <li><a href="/business/">Business</a></li>
      <li><a href="/technology/">Technology</a></li>
      <li><a href="/markets/">Markets</a></li>
      <li><a href="/legal/">Legal</a></li>
      <li><a href="/opinion/">Opinion</a></li>
    </ul>
  </nav>
</header>
<main>
<article class="story">
  <div class="kicker">{esc(p.get('section','World'))}</div>
  <h1>{esc(p['title'])}</h1>
  <div class="byline">By {esc(p.get('author', p['outlet'] + ' staff'))} &middot; {p.get('readtime','3 min read')}</div>
  <div class="story-body">
{p['body']}
  </div>
  <div class="trust">Our standards: <a href="/trust/">The {esc(p['outlet'])} Trust Principles.</a></div>
</article>
<aside class="related">
  <h2>Read next</h2>
  <ul>
{related(p.get('related', []))}
  </ul>
</aside>
</main>
<footer>
  <p>&copy; {p['iso'][:4]} {esc(p['outlet'])}. All rights reserved.</p>
  <ul><li><a href="/privacy/">Privacy</a></li><li><a href="/terms/">Terms of use</a></li><li><a href="/accessibility/">Accessibility</a></li></ul>
</footer>
</body>
</html>
'''


def t_jsonld(p):
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": p['title'],
        "datePublished": p['iso'],
        "author": {"@type": "Person", "name": p.get('author', 'Staff reporter')},
        "publisher": {"@type": "Organization", "name": p['outlet']},
        "mainEntityOfPage": p['url'],
    }
    return f'''<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{esc(p['title'])} - {esc(p['outlet'])}</title>
<meta name="description" content="{esc(p.get('dek', p['title']))}">
<script type="application/ld+json">
{json.dumps(ld, ensure_ascii=False, indent=1)}
</script>
<link rel="stylesheet" href="/assets/site.css">
</head>
<body class="article-page">
<div id="gdpr-banner" role="dialog">
  <span>This site uses cookies and similar technologies. By continuing you agree to our use of cookies.</span>
  <a href="/cookies/">Learn more</a> <button type="button">OK</button>
</div>
<div class="topbar">
  <div class="brand"><a href="/">{esc(p['outlet'])}</a></div>
  <ul class="menu">
    <li><a href="/news/">News</a></li><li><a href="/eu-affairs/">EU Affairs</a></li><li><a href="/digital/">Digital</a></li><li><a href="/economy/">Economy</a></li><li><a href="/subscribe/">Subscribe</a></li>
  </ul>
</div>
<div class="container">
  <ol class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/{p.get('crumb','digital')}/">{esc(p.get('section','Digital'))}</a></li></ol>
  <article>
    <header>
      <h1 class="headline">{esc(p['title'])}</h1>
      <p class="standfirst">{esc(p.get('dek',''))}</p>
      <p class="meta"><span class="author">{esc(p.get('author','Staff reporter'))}</span> | <span class="date">{esc(p['display'])}</span></p>
      <ul class="share"><li><a href="#">Share on X</a></li><li><a href="#">Share on LinkedIn</a></li><li><a href="#">Email</a></li><li><a href="#">Copy link</a></li></ul>
    </header>
    <section class="article-body">
{p['body']}
    </section>
    <p class="tags">Topics: {esc(p.get('tags','EU, technology'))}</p>
  </article>
  <aside class="most-read">
    <h3>Most read</h3>
    <ol>
{related(p.get('related', []))}
    </ol>
  </aside>
  <div class="newsletter-signup"><p>Get our morning briefing in your inbox.</p><input type="email" placeholder="Your email"><button>Sign up</button></div>
</div>
<footer class="site-footer">
  <p>{esc(p['outlet'])} &middot; Independent journalism since 1998</p>
  <p><a href="/about/">About us</a> &middot; <a href="/contact/">Contact</a> &middot; <a href="/privacy/">Privacy notice</a> &middot; <a href="/cookies/">Cookie settings</a></p>
</footer>
</body>
</html>
'''


def t_dcterms(p):
    return f'''<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<title>{esc(p['title'])} &#8212; {esc(p['outlet'])}</title>
<meta name="dcterms.date" content="{p['iso'][:10]}">
<meta name="dcterms.creator" content="{esc(p.get('author', p['outlet']))}">
<meta name="robots" content="index,follow">
</head>
<body>
<div class="cookie-notice">We store cookies on your device to improve navigation and analyse site usage. <a href="/cookie-policy/">Cookie policy</a> <button>Accept</button> <button>Reject non-essential</button></div>
<header>
  <div class="firm-name"><a href="/">{esc(p['outlet'])}</a></div>
  <nav><a href="/insights/">Insights</a> | <a href="/people/">People</a> | <a href="/sectors/">Sectors</a> | <a href="/events/">Events</a> | <a href="/contact/">Contact</a></nav>
</header>
<div class="layout">
<main class="post">
  <p class="post-type">{esc(p.get('section','Insight'))}</p>
  <h1>{esc(p['title'])}</h1>
  <p class="post-date">{esc(p['display'])}</p>
  <div class="entry-content">
{p['body']}
  </div>
  <div class="author-box"><p>{esc(p.get('author', ''))}</p></div>
  <p class="disclaimer">This publication is for general information only and does not constitute legal advice.</p>
</main>
<aside class="sidebar">
  <h4>Related insights</h4>
  <ul>
{related(p.get('related', []))}
  </ul>
  <h4>Tags</h4>
  <p>{esc(p.get('tags','Regulation'))}</p>
</aside>
</div>
<footer><p>&copy; {esc(p['outlet'])}. Registered office: Rue de la Loi 1, Brussels.</p><p><a href="/legal-notice/">Legal notice</a> &middot; <a href="/privacy/">Privacy</a></p></footer>
</body>
</html>
'''


def t_plain(p):
    # date visible only, no metadata date
    return f'''<html>
<head>
<meta charset="utf-8">
<title>{esc(p['title'])}</title>
</head>
<body style="font-family:Arial,sans-serif">
<table width="640" align="center"><tr><td>
<p class="preheader">{esc(p.get('preheader',''))}</p>
<p><a href="/view-in-browser/">View in browser</a> | <a href="/unsubscribe/">Unsubscribe</a></p>
<h2>{esc(p['outlet'])}</h2>
<p class="issue-date">{esc(p['display'])}</p>
<h1>{esc(p['title'])}</h1>
{p['body']}
<hr>
<p>You are receiving this email because you subscribed to {esc(p['outlet'])}. <a href="/preferences/">Update preferences</a>.</p>
<p>Forward this to a colleague | <a href="/archive/">Past issues</a></p>
</td></tr></table>
</body>
</html>
'''


def t_live(p):
    ld = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": p['title'],
        "datePublished": p['iso'],
        "coverageStartTime": p.get('start', p['iso']),
        "publisher": {"@type": "Organization", "name": p['outlet']},
    }
    return f'''<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(p['title'])} | {esc(p['outlet'])}</title>
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
</head>
<body>
<div class="consent-bar">Your privacy choices: we and our partners use cookies. <button>Agree</button> <button>Options</button></div>
<header class="masthead"><a href="/">{esc(p['outlet'])}</a>
  <nav><a href="/live/">Live</a> <a href="/europe/">Europe</a> <a href="/tech/">Tech</a> <a href="/business/">Business</a></nav>
</header>
<main>
  <span class="live-badge">LIVE</span>
  <h1>{esc(p['title'])}</h1>
  <p class="summary">{esc(p.get('dek',''))}</p>
  <p class="updated">Last updated {esc(p['display'])}</p>
  <div class="share-tools"><button>Share</button> <button>Follow</button></div>
  <div class="live-entries">
{p['body']}
  </div>
</main>
<aside><h3>More from {esc(p['outlet'])}</h3><ul>
{related(p.get('related', []))}
</ul></aside>
<footer><p>&copy; {p['iso'][:4]} {esc(p['outlet'])}</p><p><a href="/terms/">Terms</a> | <a href="/privacy/">Privacy</a></p></footer>
</body>
</html>
'''


def t_digest(p):
    return f'''<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(p['title'])} :: {esc(p['outlet'])}</title>
<meta name="publish-date" content="{p['iso'][:10]}">
</head>
<body>
<header id="top">
  <p class="site">{esc(p['outlet'])}</p>
  <ul class="nav"><li><a href="/digests/">Digests</a></li><li><a href="/calendar/">Policy calendar</a></li><li><a href="/trackers/">Trackers</a></li><li><a href="/login/">Log in</a></li></ul>
</header>
<div class="cookie-box">Essential cookies only unless you opt in. <a href="/cookies/">Settings</a></div>
<main>
  <article class="digest">
    <p class="label">{esc(p.get('section','Digest'))}</p>
    <h1>{esc(p['title'])}</h1>
    <p class="pubdate">Published <time datetime="{p['iso']}">{esc(p['display'])}</time></p>
{p['body']}
    <p class="note">Digest written by the {esc(p['outlet'])} desk. Official documents prevail.</p>
  </article>
  <section class="other">
    <h2>Other digests</h2>
    <ul>
{related(p.get('related', []))}
    </ul>
  </section>
</main>
<footer><p>{esc(p['outlet'])} &middot; <a href="/about/">About</a> &middot; <a href="/privacy/">Privacy</a></p></footer>
</body>
</html>
'''


TEMPLATES = {'wire': t_wire, 'jsonld': t_jsonld, 'dcterms': t_dcterms, 'plain': t_plain, 'live': t_live, 'digest': t_digest}


def P(*paras):
    return '\n'.join(f'    <p>{x}</p>' for x in paras)


def write(p):
    if 'url' not in p:
        slug = ''.join(c for c in p['outlet'].lower() if c.isalnum())
        p['url'] = f"https://{slug}.example/{p['iso'][:4]}/{p['iso'][5:7]}/{p['file'][4:].replace('.html','')}"
    if 'display' not in p:
        p['display'] = p['iso'][:10]
    html_text = TEMPLATES[p['tpl']](p)
    with open(os.path.join(OUT, p['file']), 'w', encoding='utf-8') as f:
        f.write(html_text)
