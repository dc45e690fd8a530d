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
