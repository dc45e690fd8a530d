from tpl import P, write

PAGES = []

# p01 republication of seed 001 (aggregator copy)
PAGES.append(dict(
    file='p01-ai-act-in-force-aggregator.html', tpl='plain', outlet='Digest Hub Tech Roundup',
    title='AI Act now in force: what applies when',
    iso='2024-08-02T06:15:00Z', display='Friday, 2 August 2024',
    preheader='Your morning tech policy links',
    body=P(
        'The European Union\'s Artificial Intelligence Act entered into force on Thursday, 1 August 2024, twenty days after it was published in the Official Journal on 12 July as Regulation (EU) 2024/1689.',
        'Entry into force does not mean companies have to comply with everything at once. The obligations arrive in stages:',
        '2 February 2025: the bans on prohibited practices and the duty to ensure AI literacy among staff begin to apply.',
        '2 August 2025: the rules for providers of general-purpose AI models apply, together with the governance chapter and the penalties. By the same date, every member state must have designated the national authorities that will supervise the law.',
        '2 August 2026: most of the remaining provisions apply, including the obligations for the high-risk AI systems listed in Annex III (employment, education, credit scoring, biometrics, critical infrastructure, law enforcement, migration).',
        '2 August 2027: obligations apply for high-risk AI that is a safety component of products already covered by EU product legislation, such as medical devices or machinery.',
        'The Commission\'s AI Office will enforce the rules on general-purpose AI models, while national market surveillance authorities will police AI systems.',
        'Fines reach up to 7% of global annual turnover for using banned applications, up to 3% for breaches of other obligations and up to 1.5% for supplying incorrect information to authorities.',
        'This article was originally published by Northsea Tech Review. <a href="https://northseatechreview.example/policy/2024/08/01/ai-act-enters-into-force">Read the original</a>.',
        'Tags: AI Act, EU, regulation, compliance | Share | Save | 0 comments',
    ),
))

# p02 hard negative: Council of Europe AI convention
PAGES.append(dict(
    file='p02-coe-ai-convention-signed.html', tpl='wire', outlet='Baltic Courier', section='Europe',
    title='EU, US and UK sign first binding international treaty on artificial intelligence',
    iso='2024-09-05T15:20:00Z', url='https://balticcourier.example/europe/2024/09/05/ai-convention-signed',
    author='Baltic Courier correspondent',
    body=P(
        'VILNIUS, Sept 5 (Baltic Courier) - The European Union, the United States and Britain were among the first signatories on Thursday of a Council of Europe treaty on artificial intelligence, the first international agreement on AI that is legally binding on the countries that ratify it.',
        'The Framework Convention on Artificial Intelligence and Human Rights, Democracy and the Rule of Law was opened for signature at a conference of justice ministers in the Lithuanian capital. Andorra, Georgia, Iceland, Norway, Moldova, San Marino and Israel also signed.',
        'The Strasbourg-based organisation\'s Committee of Ministers adopted the text on 17 May after talks that brought together its 46 member states, the EU and 11 countries from outside Europe, including Japan, Canada and Australia. Companies, researchers and civil-society groups took part as observers.',
        'The convention covers the whole life cycle of AI systems used by public bodies and private firms acting for them, and asks parties to guard against discriminatory outcomes, protect privacy and give people a way to seek redress when their rights are harmed. Activities linked to national security and defence are excluded.',
        'Secretary General Marija Pejcinovic Buric said she hoped the first signatures would be followed quickly by many more and by ratifications. The treaty enters into force three months after five signatories, at least three of them Council of Europe members, have ratified it.',
        'The European Commission, which signed on behalf of the bloc, said the convention was consistent with the EU\'s own rules on artificial intelligence.',
    ),
    related=['Lithuania tightens border controls ahead of winter', 'Justice ministers debate cross-border evidence rules', 'Baltic states weigh joint air-defence purchase'],
))

# p03 background: law firm note restating the timetable
PAGES.append(dict(
    file='p03-ai-act-five-dates-client-note.html', tpl='dcterms', outlet='Kessler Aalto Legal Briefings', section='Client alert',
    title='The AI Act timetable: five dates for your compliance calendar',
    iso='2024-10-15T09:00:00Z', display='15/10/2024', author='Technology and Data practice group',
    tags='AI Act, compliance, general-purpose AI, high-risk AI',
    body=P(
        'Since the EU\'s Artificial Intelligence Act took effect on 1 August 2024, the question we hear most often from clients is not what the law requires but when. The regulation applies in stages, and the sequence matters for budgeting and for deciding which teams to involve first.',
        '<strong>1 August 2024.</strong> The regulation entered into force, twenty days after its publication in the Official Journal.',
        '<strong>2 February 2025.</strong> The prohibitions in Article 5 and the AI literacy duty in Article 4 apply. Businesses should by then have checked that none of their systems fall into a banned category.',
        '<strong>2 August 2025.</strong> For providers of general-purpose AI models, the key date is 2 August 2025, when their obligations begin to apply.',
        'On the same date the penalties chapter applies and member states must have designated their national authorities. Codes of practice to help model providers comply are due to be finalised around nine months after entry into force.',
        '<strong>2 August 2026.</strong> The general date of application. Most obligations for high-risk AI systems listed in Annex III, covering uses such as recruitment, education, creditworthiness and biometrics, start to apply.',
        '<strong>2 August 2027.</strong> High-risk AI that serves as a safety component of products regulated under existing EU harmonisation legislation follows a year later.',
        'Fines can reach 35 million euros or 7% of worldwide turnover for prohibited practices. Our advice is to start with an inventory of AI uses now: the high-risk requirements in particular take many months to implement.',
    ),
    related=['Data Act: preparing for connected-product data requests', 'NIS2 transposition tracker', 'Product liability directive: what changes for software'],
))

# p04 background: Mistral funding with one AI Act sentence
PAGES.append(dict(
    file='p04-mistral-funding-round.html', tpl='jsonld', outlet='Riviera Business Daily', section='Start-ups', crumb='startups',
    title='Mistral AI raises 600 million euros as Paris start-up\'s valuation soars',
    dek='The French developer of large language models more than doubled its valuation in six months.',
    iso='2024-06-12T08:30:00+02:00', display='12 June 2024', author='Claire Dumont',
    tags='Mistral AI, venture capital, artificial intelligence',
    body=P(
        'Mistral AI, the Paris company seen as Europe\'s best-placed challenger to OpenAI, said on Tuesday it had raised 600 million euros in a round led by General Catalyst, taking the money it has collected in roughly a year to more than 1 billion euros.',
        'Existing backers including Lightspeed, Andreessen Horowitz, Nvidia, Salesforce and Cisco also took part. People familiar with the deal put the company\'s valuation at about 5.8 billion euros, and the round was reported to combine equity with a smaller portion of debt.',
        'Founded in 2023 by former researchers from Google DeepMind and Meta, Mistral builds large language models, some of which it releases openly. Chief executive Arthur Mensch said the new money would pay for more computing power, hiring and expansion in the United States.',
        'Microsoft, which put 15 million euros into Mistral in February as part of a distribution deal for its Azure cloud, was not among the investors this time.',
        'Like its rivals, Mistral will have to adapt to the EU\'s AI Act, which member states approved last month and whose rules for general-purpose AI models apply a year after the law enters into force.',
        'The company employs around 60 people across France, Britain and the United States.',
    ),
    related=['French tech funding rebounds in first half', 'Nvidia tops 3 trillion dollars in market value', 'Station F opens new AI campus', 'Euro steady ahead of Fed decision'],
))

# p05 background: prohibitions apply
PAGES.append(dict(
    file='p05-ai-act-bans-apply.html', tpl='wire', outlet='Brussels Dispatch', section='Technology',
    title='EU bans on "unacceptable" AI uses now apply',
    iso='2025-02-03T10:05:00+01:00', url='https://brusselsdispatch.example/technology/2025/02/03/ai-act-bans-apply',
    body=P(
        'BRUSSELS, Feb 3 (Brussels Dispatch) - The first binding provisions of the European Union\'s Artificial Intelligence Act took effect over the weekend, outlawing a short list of AI practices the bloc considers too dangerous to allow.',
        'Since Sunday, companies and public bodies in the EU may no longer use systems that score people on their social behaviour, exploit the vulnerabilities of children or other groups, scrape facial images indiscriminately from the internet or CCTV to build recognition databases, or infer emotions of workers and pupils. Real-time facial recognition in public places by police is allowed only in narrow cases.',
        'Providers and users of AI systems also now have to make sure their staff have a sufficient level of AI literacy.',
        'The heaviest fines under the act, up to 7% of global turnover, are reserved for the banned practices, although national penalty regimes only have to be in place by August.',
        'Next on the calendar are the rules for general-purpose AI models on 2 August, followed a year later by the bulk of the high-risk obligations.',
        'The law entered into force on 1 August 2024 and applies in phases until 2027.',
    ),
    related=['Commission weighs response to US tariff threat', 'EU ministers meet on defence spending', 'Belgian coalition talks near conclusion'],
))

# p06 hard negative: CSRD stop-the-clock
PAGES.append(dict(
    file='p06-csrd-stop-the-clock-vote.html', tpl='jsonld', outlet='Strasbourg Wire', section='Sustainability', crumb='sustainability',
    title='MEPs fast-track "stop-the-clock" delay to sustainability reporting rules',
    dek='The urgent procedure gives thousands of companies two more years before their first sustainability reports.',
    iso='2025-04-03T13:40:00+02:00', display='Thursday 3 April 2025', author='Strasbourg Wire reporters',
    tags='CSRD, CSDDD, omnibus, sustainability reporting',
    body=P(
        'The European Parliament on Thursday approved the so-called stop-the-clock directive, postponing parts of the EU\'s corporate sustainability rules just two days after agreeing to handle the file under its urgent procedure.',
        'Parliament voted by 531 to 69, with 17 abstentions, to push back the reporting obligations by two years for companies that have not yet started reporting.',
        'The text, adopted without amendments, delays the Corporate Sustainability Reporting Directive for large companies due to report for the first time in 2026 or 2027, as well as for listed small and medium-sized firms. It also moves back by one year both the deadline for transposing the Corporate Sustainability Due Diligence Directive and the first phase of its application to the largest companies.',
        'The measure is part of the first omnibus simplification package presented by the Commission on 26 February. Member states agreed their position on 26 March, also without changes.',
        'The Council still has to give its formal approval before the directive is published in the Official Journal. Governments will then have until 31 December 2025 to write the new dates into national law.',
        'Separate and more far-reaching changes to the content of the two directives, which would remove a large share of companies from their scope, will follow the ordinary legislative procedure.',
    ),
    related=['Council agrees position on sustainability omnibus', 'Auditors warn of uncertainty over ESG standards', 'Parliament backs defence fund', 'Euro area growth revised down'],
))

# p07 hard negative: DMA fines
PAGES.append(dict(
    file='p07-dma-fines-apple-meta.html', tpl='wire', outlet='Harbourline News', section='Technology',
    title='Apple and Meta handed first fines under EU digital markets law',
    iso='2025-04-23T12:55:00Z', url='https://harbourline.example/technology/2025/04/23/dma-fines-apple-meta',
    body=P(
        'BRUSSELS, April 23 (Harbourline) - The European Commission fined Apple 500 million euros and Meta 200 million euros on Wednesday, the first penalties imposed under the Digital Markets Act.',
        'The Commission found that Apple had stopped app developers from telling users about cheaper offers outside its App Store, breaching the law\'s anti-steering rules. Meta was sanctioned over the pay-or-consent model it introduced for Facebook and Instagram users in Europe in late 2023, which the Commission said did not give people a genuine alternative that used less of their personal data.',
        'Both companies were ordered to bring their practices into line within 60 days or face periodic penalty payments. Competition commissioner Teresa Ribera said the decisions sent a firm but balanced message that gatekeepers must respect the rules.',
        'Apple said it would appeal, arguing the decision hurt user privacy and forced it to give away its technology. Meta called the fine an attempt to handicap successful American companies.',
        'The amounts are far below the maximum of 10% of global turnover the law allows, which officials attributed to the short period the infringements were examined. The decisions came amid tense trade talks between Brussels and Washington.',
        'The Commission also closed a separate investigation into Apple\'s browser choice screen and removed Facebook Marketplace from the list of regulated services.',
    ),
    related=['Google faces fresh scrutiny over search ranking', 'US trade envoy to visit Brussels next week', 'Telecoms merger review extended'],
))

# p08 unrelated: ECB
PAGES.append(dict(
    file='p08-ecb-rate-cut-june.html', tpl='digest', outlet='Frankfurt Markets Brief', section='Central banks',
    title='ECB cuts deposit rate to 2% and signals it may pause',
    iso='2025-06-05T16:30:00+02:00', display='5 June 2025, 16:30 CEST',
    body=P(
        'The European Central Bank lowered its deposit rate by a quarter point to 2% on Thursday, its eighth cut since June 2024.',
        'The main refinancing rate falls to 2.15% and the marginal lending rate to 2.40%, with effect from 11 June.',
        'Staff projections now see headline inflation averaging 2.0% in 2025, 1.6% in 2026 and 2.0% in 2027, after euro-area inflation slipped to 1.9% in May. Growth is forecast at 0.9% this year and 1.1% next year.',
        'President Christine Lagarde told reporters the bank was well placed to navigate the uncertainty created by trade tensions and would decide meeting by meeting. Several analysts read her comments as a hint that the July meeting could bring a pause.',
        'Markets reaction: the euro was little changed and Bund yields edged higher after the press conference.',
    ),
    related=['Bank of England minutes: split on pace of cuts', 'Euro-area PMI steadies in May', 'German industrial orders rise'],
))

# p09 hard negative: UK AI bill delay
PAGES.append(dict(
    file='p09-uk-ai-bill-delayed.html', tpl='jsonld', outlet='Thames Observer', section='Politics', crumb='politics',
    title='UK puts off AI legislation for at least a year',
    dek='Ministers now want a single, broader bill that also settles the row over copyright.',
    iso='2025-06-09T07:00:00+01:00', display='Monday 9 June 2025', author='Political staff',
    tags='artificial intelligence, copyright, Westminster',
    body=P(
        'Plans to regulate artificial intelligence in Britain have been pushed back by at least a year, as ministers prepare a broader bill that would also deal with copyright.',
        'Technology secretary Peter Kyle intends to bring forward a comprehensive AI bill in the next parliamentary session, covering safety as well as the use of copyrighted material to train models. It will not be ready before the next King\'s Speech, which several people in government expect in May 2026.',
        'Labour had originally promised a short bill soon after taking office, aimed at the most powerful large language models, which would have obliged developers to hand their models to the AI Security Institute for testing. That plan was shelved as ministers chose to keep in step with the Trump administration, fearing that early rules could make Britain less attractive to AI companies.',
        'The government is meanwhile locked in a dispute with the House of Lords over its data bill, which would let AI firms train on copyrighted works unless rights holders opt out. Musicians including Elton John and Paul McCartney have campaigned against the change.',
        'A government source said the new AI bill could be the vehicle for a compromise on copyright, once the data bill has passed.',
    ),
    related=['Spending review: what it means for science budgets', 'Lords defeat government again on data bill', 'Chip designer lists in London', 'Poll: voters back tougher AI oversight'],
))

# p10 development: Commission rejects pause (denied, both)
PAGES.append(dict(
    file='p10-commission-no-pause-ai-act.html', tpl='wire', outlet='Continental Wire', section='Technology',
    title='EU rejects calls to pause AI Act, keeps August start for model rules',
    iso='2025-07-04T13:12:00Z', url='https://continentalwire.example/technology/2025/07/04/eu-ai-act-no-pause',
    author='Continental Wire Brussels bureau',
    body=P(
        'BRUSSELS, July 4 (Continental Wire) - The European Commission on Friday turned down demands from dozens of Europe\'s biggest companies to suspend its artificial intelligence law, saying the obligations would start on the dates written into the legislation.',
        'A Commission spokesperson, Thomas Regnier, told reporters on Friday that there would be no stopping of the clock, no grace period and no pause.',
        'That means the rules for providers of general-purpose AI models will apply from 2 August as planned, and the obligations for high-risk systems from August 2026, he said.',
        'On Thursday, 46 chief executives, including the heads of Airbus, TotalEnergies, Lufthansa, ASML, Siemens, Carrefour, BNP Paribas and French start-up Mistral, had published an open letter asking Commission President Ursula von der Leyen for a two-year clock-stop before the main obligations kick in. The signatories, gathered in the EU AI Champions initiative, complained of unclear and overlapping rules. Lobby groups representing Alphabet and Meta have made similar requests, and Swedish Prime Minister Ulf Kristersson has called the rules confusing.',
        'Tech chief Henna Virkkunen had said last month that postponing parts of the act should not be ruled out if standards and guidance were not ready in time.',
        'The code of practice meant to help model providers comply, originally due in May, has still not been published. Regnier said the Commission would propose measures later this year to simplify digital rules, including lighter reporting duties for smaller firms.',
    ),
    related=['Mistral unveils new reasoning model', 'EU-US trade talks enter final week before tariff deadline', 'Airbus deliveries rise in June'],
))

# p11 development: code of practice published
PAGES.append(dict(
    file='p11-gpai-code-of-practice-published.html', tpl='digest', outlet='EU Policy Digest', section='Release digest',
    title='Commission publishes general-purpose AI code of practice ahead of August start',
    iso='2025-07-10T15:00:00+02:00', display='10 July 2025',
    body=P(
        'The European Commission published the final text of the General-Purpose AI Code of Practice on 10 July 2025, a voluntary tool meant to help model providers meet the AI Act\'s obligations.',
        '<strong>What it contains.</strong> Three chapters. Transparency, which includes a model documentation form providers can fill in once; copyright, which sets out practical ways to respect EU copyright law, including honouring opt-outs; and safety and security, which applies only to providers of the most advanced models that may pose systemic risk.',
        '<strong>Who wrote it.</strong> Thirteen independent experts, after a consultation involving more than 1,000 stakeholders from industry, academia, rights holders and civil society. Publication came about two months later than the May target set in the act.',
        '<strong>Status.</strong> Member states and the Commission still have to assess whether the code is adequate. Providers that sign and follow it can use it to show compliance; the Commission says this will mean less administrative burden and more legal certainty than other ways of proving compliance.',
        '<strong>Timing.</strong> The rules for general-purpose AI models apply from 2 August 2025. The AI Office will be able to enforce them from August 2026 for new models and from August 2027 for models already on the market before 2 August 2025.',
        '<strong>Next.</strong> Commission guidelines on the scope of the obligations, including who counts as a provider, are expected before the rules apply.',
    ),
    related=['Digest: Commission consultation on high-risk classification', 'Digest: AI Board meeting of 30 June', 'Digest: guidelines on prohibited practices'],
))

# p12 development: Meta will not sign; guidelines (brief)
PAGES.append(dict(
    file='p12-meta-wont-sign-code-brief.html', tpl='wire', outlet='Valley and Rhine Tech Brief', section='In brief',
    title='Meta says no to EU AI code as Brussels issues model guidelines',
    iso='2025-07-18T17:45:00Z', url='https://valleyrhine.example/brief/2025/07/18/meta-eu-ai-code', readtime='1 min read',
    body=P(
        'Meta will not sign the EU\'s voluntary code of practice for general-purpose AI, its global affairs chief Joel Kaplan said on Friday, arguing the code creates legal uncertainty and goes beyond the AI Act.',
        'The same day the Commission published guidelines explaining which models and providers are covered by the obligations that start on 2 August, including extra duties for models with systemic risk. OpenAI has said it will sign.',
    ),
    related=['Nvidia cleared to resume some China chip sales', 'Netflix beats forecasts', 'EU adopts 18th Russia sanctions package'],
))

# p13 unrelated: Tour de France
PAGES.append(dict(
    file='p13-pogacar-fourth-tour.html', tpl='jsonld', outlet='Peloton Post', section='Cycling', crumb='cycling',
    title='Pogacar seals fourth Tour de France title in rain-soaked Paris',
    dek='Van Aert wins the final stage over Montmartre after organisers neutralise the times.',
    iso='2025-07-27T19:40:00+02:00', display='27 July 2025', author='Peloton Post in Paris',
    tags='Tour de France, Tadej Pogacar, Wout van Aert',
    body=P(
        'Tadej Pogacar won the Tour de France for the fourth time on Sunday, finishing 4 minutes 24 seconds ahead of Jonas Vingegaard, with Germany\'s Florian Lipowitz third.',
        'The final stage, which for the first time included three climbs of the Montmartre hill, was won by Belgium\'s Wout van Aert, who dropped Pogacar on the cobbles of the last ascent. Organisers had neutralised the general classification times 50 kilometres from the finish because heavy rain made the roads treacherous.',
        'The Slovenian, who also won in 2020, 2021 and 2024, took four stage wins this year. It was the fifth year running that he and Vingegaard filled the top two places.',
    ),
    related=['Vuelta route revealed', 'Transfer news: sprinters on the move', 'Women\'s Tour heads to the Alps'],
))

# p14 development: newsletter with Google and xAI signing
PAGES.append(dict(
    file='p14-thursday-stack-newsletter.html', tpl='plain', outlet='The Thursday Stack',
    title='Google signs up, xAI signs a third, and a quiet Saturday deadline',
    iso='2025-07-31T06:00:00Z', display='Thursday, 31 July 2025',
    preheader='Five things in tech policy this week',
    body='\n'.join([
        '<h3>1. Google will sign the EU code</h3>',
        P('Google will sign the EU\'s general-purpose AI code of practice, its president of global affairs Kent Walker wrote in a blog post on Wednesday, while warning that parts of the regime could slow AI development in Europe.',
          'Walker listed three worries: departures from EU copyright law, steps that slow down approvals and requirements that could expose trade secrets. Microsoft\'s president Brad Smith said earlier this month his company would probably sign too; Meta has refused.'),
        '<h3>2. xAI picks one chapter</h3>',
        P('Elon Musk\'s xAI said on Thursday it would sign only the safety and security chapter of the code, calling the copyright provisions an overreach. It did not say what it would do about the transparency chapter.'),
        '<h3>3. Pogacar makes it four</h3>',
        P('Off-topic but hard to ignore: Tadej Pogacar won his fourth Tour de France on Sunday, 4 minutes 24 seconds clear of Jonas Vingegaard.'),
        '<h3>4. Diary</h3>',
        P('The AI Act\'s obligations for general-purpose model providers apply from Saturday 2 August. We will have a full explainer in next week\'s issue.'),
        '<h3>5. Reading list</h3>',
        P('A long read on data-centre water use in Spain; a profile of the new head of a national telecoms regulator; and a podcast on chip export controls.'),
    ]),
))

if __name__ == '__main__':
    for p in PAGES:
        write(p)
    print(len(PAGES), 'pages written')
