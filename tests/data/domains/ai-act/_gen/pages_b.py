from tpl import P, write

PAGES = []


def QA(pairs):
    out = []
    for q, a in pairs:
        out.append(f'    <p class="q"><strong>Q: {q}</strong></p>')
        out.append(f'    <p class="a">{a}</p>')
    return '\n'.join(out)


# p15 development: Q&A the day before GPAI rules apply
PAGES.append(dict(
    file='p15-qa-model-providers-august.html', tpl='dcterms', outlet='Lex Digital Review', section='Explainer',
    title='Q&A: What the AI Act asks of model providers from 2 August',
    iso='2025-08-01T11:00:00+02:00', display='1 August 2025', author='Lex Digital Review editors',
    tags='AI Act, general-purpose AI, code of practice',
    body=P('The second wave of the EU\'s AI Act lands this weekend. Here is what it means for companies that build large models, and for those that use them.') + '\n' + QA([
        ('What changes on Saturday?',
         'From Saturday, providers of general-purpose AI models placed on the EU market must keep technical documentation, share information with downstream developers, adopt a copyright policy and publish a summary of their training content.'),
        ('What about the most powerful models?',
         'Models trained with more than 10^25 floating-point operations are presumed to carry systemic risk. Under guidelines the Commission issued on 18 July, their providers must in addition evaluate the models, test them adversarially, track and report serious incidents and protect them against cyber attacks.'),
        ('Who has signed the code of practice?',
         'The list the Commission published on Friday includes Amazon, Anthropic, Google, IBM, Microsoft, Mistral and OpenAI, which signed all three chapters. xAI signed only the safety and security chapter. Meta declined to sign.'),
        ('When can fines be imposed?',
         'Not straight away. The AI Office\'s powers to enforce the model rules, including fines, start on 2 August 2026. Models already on the market before this Saturday have until 2 August 2027 to comply.'),
        ('Are national authorities ready?',
         'Governments were supposed to name their supervisory authorities by 2 August, but most are expected to miss that date. The Commission sent capitals a reminder in late June urging them to speed up.'),
        ('Does any of this touch the high-risk rules?',
         'No. Those are a separate chapter, scheduled for August 2026.'),
    ]),
    related=['Checklist: training-data summaries', 'Copyright opt-outs explained', 'Who is a provider? Reading the new guidelines'],
))

# p16 development: GPAI rules apply (completed)
PAGES.append(dict(
    file='p16-gpai-rules-take-effect.html', tpl='wire', outlet='Alpine Press Agency', section='Technology',
    title='EU rules for general-purpose AI models take effect',
    iso='2025-08-02T09:30:00+02:00', url='https://alpinepress.example/tech/2025/08/02/eu-gpai-rules-take-effect',
    body=P(
        'BRUSSELS, Aug 2 (APA) - The European Union\'s obligations for providers of general-purpose AI models became applicable on Saturday, twelve months after the Artificial Intelligence Act entered into force.',
        'Companies that put such models on the EU market, from OpenAI and Google to Mistral and Meta, now have to document how their models are trained and tested, pass information to businesses that build on them, follow a policy for complying with EU copyright law and publish a summary of the content used for training. Providers of the most powerful models face extra duties to assess and mitigate systemic risks.',
        'The act\'s governance provisions and its chapter on penalties also started to apply, and the European AI Board and the Commission\'s AI Office formally took up their roles.',
        'The Commission had refused industry requests for a two-year delay, and published a voluntary code of practice on 10 July that most large developers have signed. Meta has said it will not sign.',
        'Fines will not come immediately: the AI Office can sanction model providers from August 2026, and models released before Saturday have until August 2027 to comply.',
        'Several member states had not yet named the national authorities that will oversee the law, a step that was also due on Saturday.',
        'The next major date is 2 August 2026, when most obligations for high-risk AI systems are scheduled to apply.',
    ),
    related=['Heatwave grips southern Europe', 'Swiss franc hits record against dollar', 'Alpine passes reopen after rockfall'],
))

# p17 hard negative: Colorado AI Act delayed
PAGES.append(dict(
    file='p17-colorado-ai-act-delay.html', tpl='wire', outlet='Front Range Ledger', section='Politics',
    title='Colorado pushes back start of its AI Act to June 2026',
    iso='2025-08-29T01:10:00Z', url='https://frontrangeledger.example/politics/2025/08/28/colorado-ai-act-delay',
    author='Front Range Ledger statehouse reporter',
    body=P(
        'DENVER - Governor Jared Polis on Thursday signed a bill that moves the start of the Colorado Artificial Intelligence Act from 1 February to 30 June 2026.',
        'Lawmakers approved the delay on Tuesday, at the end of a special session that opened on 21 August and was called mainly to close a budget gap left by the new federal tax and spending law.',
        'The act, signed in May 2024, was the first state law in the United States aimed at high-risk AI systems used in consequential decisions such as hiring, housing, lending, insurance, health care and education. It requires developers and deployers to take reasonable care against algorithmic discrimination, carry out impact assessments and tell consumers when AI is used to decide about them.',
        'A rewrite championed by Senate Majority Leader Robert Rodriguez, the law\'s original sponsor, and a rival proposal both fell apart during the session as technology companies, unions and consumer groups failed to agree on scope and liability. The delay was what remained.',
        'The Business Software Alliance welcomed the extra time. The Center for Democracy and Technology said it was disappointed.',
        'Legislators are expected to return to the law when the regular session opens in January.',
    ),
    related=['Polis signs budget fixes', 'Denver council weighs camping ban changes', 'Wildfire season stretches into September'],
))

# p18 hard negative: Data Act applies
PAGES.append(dict(
    file='p18-data-act-applies.html', tpl='wire', outlet='Brussels Dispatch', section='Technology',
    title='EU Data Act starts to apply, opening up data from connected devices',
    iso='2025-09-12T08:00:00+02:00', url='https://brusselsdispatch.example/technology/2025/09/12/data-act-applies',
    body=P(
        'BRUSSELS, Sept 12 (Brussels Dispatch) - Most of the Data Act\'s obligations became applicable across the European Union on Friday, 20 months after the regulation entered into force.',
        'People and businesses that use connected products, from cars and smart appliances to industrial machinery, can now obtain the data those products generate and pass it to third parties of their choice, for instance an independent repair shop. Manufacturers may ask third parties for compensation, within limits.',
        'The law also bans unfair contract terms imposed on smaller companies, obliges cloud providers to help customers switch to competitors and will abolish switching charges altogether from January 2027. Public authorities can request privately held data in exceptional situations such as emergencies.',
        'Industry association DIGITALEUROPE had asked for the start to be pushed back by a year, arguing the obligations were unclear. The date was not moved.',
        'Further requirements, including rules on how new connected products must be designed to give access to data, follow in September 2026.',
    ),
    related=['Commission opens consultation on cloud and AI development act', 'Telecom ministers discuss spectrum', 'Brussels airport strike called off'],
))

# p19 development: Volman, no moratorium (denied, high-risk)
PAGES.append(dict(
    file='p19-commission-no-moratorium-libe.html', tpl='jsonld', outlet='Parliament Watch Europe', section='Digital', crumb='digital',
    title='Commission tells MEPs there will be no moratorium on AI Act',
    dek='A senior official said the planned simplification package would not overhaul the law, days after Mario Draghi called for a pause.',
    iso='2025-09-23T07:45:00+02:00', display='23 September 2025', author='Parliament Watch Europe',
    tags='AI Act, LIBE, Draghi, digital omnibus',
    body=P(
        'There will be no general moratorium on the AI Act, a senior Commission official told members of the European Parliament on Monday, despite growing calls to pause the law.',
        'Yvo Volman, director for data at the Commission\'s digital department, told the civil liberties committee that a blanket freeze was not on the table and that the Commission was concentrating on making the rules work in practice.',
        'Last Tuesday, former Italian prime minister Mario Draghi used a conference in Brussels marking a year since his competitiveness report to argue that the next stage of the law, covering high-risk systems in areas such as critical infrastructure and health, should be paused until its drawbacks were better understood. He said the first rules, including the bans, had been introduced without major problems.',
        'In July, 46 chief executives asked for a two-year clock-stop, while more than 50 civil-society organisations, among them Access Now and the consumer group BEUC, have warned the Commission against reopening the law.',
        'Volman said the digital simplification package the Commission plans to present before the end of the year would not amount to a complete overhaul of the AI Act. The obligations for high-risk systems are due to apply from 2 August 2026.',
        'The debate comes as Washington keeps up pressure on EU tech rules; in August US President Donald Trump threatened tariffs on countries whose digital regulations hurt American companies.',
    ),
    related=['MEPs question Commission on chat control', 'Plenary agenda: 6-9 October', 'Committee vote on space law postponed', 'Budget talks: Parliament sets red lines'],
))

# p20 development: FT report, Commission considering grace period (null)
PAGES.append(dict(
    file='p20-analysis-ai-act-simplification.html', tpl='jsonld', outlet='Atlantic Circuit', section='Analysis', crumb='analysis',
    title='Analysis: Europe\'s AI rulebook collides with its simplification drive',
    dek='Brussels spent five years writing the AI Act. Now it is deciding how much of it to soften.',
    iso='2025-11-08T10:00:00+01:00', display='Saturday 8 November 2025', author='Atlantic Circuit analysis desk',
    tags='AI Act, digital omnibus, EU-US relations, competitiveness',
    body=P(
        'When the EU adopted its Artificial Intelligence Act in 2024, officials liked to say that Europe had written the world\'s first comprehensive rulebook for the technology. Eighteen months later the mood in Brussels has shifted from pride to repair work.',
        'The turn began with Mario Draghi\'s report on European competitiveness, which blamed a thicket of overlapping rules for the bloc\'s lag in digital industries. The Commission answered with a series of omnibus packages, first on sustainability reporting, then on defence procurement and agriculture. A digital package is next, and the AI Act is the most politically charged part of it.',
        'Industry has not let up. Chief executives of some of Europe\'s largest companies asked in July for a two-year pause, and US technology firms have argued that the rules are vague and burdensome. In Washington, the Trump administration has treated European tech regulation as a trade irritant.',
        'According to a draft reported on Friday by the Financial Times, the Commission is weighing a one-year grace period for companies that breach the rules on the highest-risk AI uses, and could hold back fines for transparency violations until August 2027.',
        'Commission spokesperson Thomas Regnier said a reflection on targeted parts of the act was still under way and that the Commission remained fully behind the law and its goals. A senior EU official told the newspaper that Brussels had been engaging with the US administration on adjustments to its digital rules. The package is due on 19 November.',
        'Supporters of the law argue that the real problem is not the text but the missing tools: harmonised standards for high-risk systems are behind schedule, and many national authorities have not been named. Critics reply that a rule which cannot be implemented on time is a badly designed rule.',
        'Whatever the Commission proposes, it will only be a proposal. Any change to the dates written into the regulation needs the agreement of both the Parliament and the member states, and the obligations for high-risk systems are currently due in August 2026. That leaves the co-legislators little time.',
        'The deeper question is what the episode does to the Brussels effect. A law that other jurisdictions copied because it looked settled now looks negotiable.',
    ),
    related=['The quiet return of industrial policy', 'What the Data Act means for carmakers', 'Inside the AI Office', 'Letter from Washington: tariffs and tech'],
))

# p21 development: Digital omnibus proposal (null)
PAGES.append(dict(
    file='p21-digital-omnibus-proposal.html', tpl='wire', outlet='Continental Wire', section='Technology',
    title='Commission proposes pushing back high-risk AI rules to end-2027',
    iso='2025-11-19T16:40:00Z', url='https://continentalwire.example/technology/2025/11/19/digital-omnibus-ai-act-delay',
    author='Continental Wire Brussels bureau',
    body=P(
        'BRUSSELS, Nov 19 (Continental Wire) - The European Commission on Wednesday proposed delaying the AI Act\'s stricter rules for high-risk uses of artificial intelligence to December 2027 from August 2026.',
        'The proposal is part of a Digital Omnibus package that would also simplify the GDPR, cookie consent rules under the e-Privacy Directive and the Data Act. It still has to be debated and approved by EU governments and the European Parliament.',
        'Under the plan, the high-risk obligations, which cover AI used in biometric identification, road traffic, utilities, job applications and exams, health services, creditworthiness and law enforcement, would start to apply only once the Commission confirms that standards and other support tools are available: six months later for stand-alone systems and twelve months later for AI built into products. The rules would apply in any case by December 2027 and August 2028 respectively.',
        'Commission Executive Vice-President Henna Virkkunen told reporters the extra time was needed so that standards, specifications and guidelines were ready before the obligations took effect, and said the change was not a step back from Europe\'s safeguards.',
        'Providers of generative AI systems already on the market would get until February 2027 to add markings to AI-generated content. The rules for general-purpose AI models, which have applied since August, are not affected.',
        'The tech lobby group CCIA welcomed the delay but said the package missed chances to go further. Finance Watch warned that consumers could end up paying the price of what it called a deregulate-to-accelerate approach.',
    ),
    related=['GDPR changes draw fire from privacy groups', 'Cookie banners could become rarer under new plan', 'Data Union strategy unveiled'],
))

# p22 hard negative: EUDR delay
PAGES.append(dict(
    file='p22-eudr-delay-parliament-vote.html', tpl='digest', outlet='Agri-Europe Bulletin', section='Trade and environment',
    title='European Parliament backs another one-year delay to deforestation law',
    iso='2025-11-27T09:00:00+01:00', display='27 November 2025',
    body=P(
        'MEPs voted 402 to 250, with eight abstentions, to give large operators and traders until 30 December 2026 to comply with the EU Deforestation Regulation.',
        'Micro and small enterprises would have until 30 June 2027. The vote on Wednesday mirrors the position member states agreed earlier this month.',
        'The regulation, adopted in 2023, requires companies selling products such as cocoa, coffee, palm oil, soy, cattle, rubber and wood in the EU to prove they were not grown on recently deforested land. It was originally due to apply from 30 December 2024 and had already been postponed once, at the end of 2024, to 30 December 2025.',
        'Parliament also backed simplifications: only the company that first places a product on the EU market would have to file a due-diligence statement, micro and small primary producers would submit a one-off simplified declaration, and the Commission would report on the law\'s burden by 30 April 2026.',
        'The centre-right EPP voted with groups to its right; Socialists and Greens voted against. Parliament and Council now have to agree a final text and publish it in the Official Journal before the end of the year for the delay to take effect.',
    ),
    related=['Cocoa prices slide on West Africa crop outlook', 'Mercosur deal: farmers plan protests', 'Forest monitoring system upgrade delayed'],
))

# p23 background: on this day
PAGES.append(dict(
    file='p23-on-this-day-ai-act-vote.html', tpl='dcterms', outlet='Eurotech Almanac', section='On this day',
    title='On this day: MEPs approve the AI Act',
    iso='2025-03-13T06:00:00+01:00', display='Thursday, 13 March 2025', author='Eurotech Almanac',
    tags='history, AI Act, European Parliament',
    body=P(
        '<strong>13 March 2024.</strong> One year ago today, the European Parliament approved the Artificial Intelligence Act by 523 votes to 46, with 49 abstentions, in Strasbourg.',
        'Member states gave their final approval in May, the text appeared in the Official Journal in July, and the regulation entered into force on 1 August 2024. The first provisions, the bans on practices such as social scoring, have applied since last month.',
        'The next steps on the calendar are the obligations for general-purpose AI models in August this year and, in August 2026, the bulk of the rules for high-risk systems.',
        '<strong>13 March 1979.</strong> The European Monetary System came into operation, linking most Community currencies through the exchange rate mechanism and introducing the ECU, forerunner of the euro.',
    ),
    related=['On this day: the Treaty of Rome is signed (25 March)', 'On this day: the first direct elections to Parliament (June 1979)'],
))

# p24 development: Parliament position (null)
PAGES.append(dict(
    file='p24-parliament-position-ai-omnibus.html', tpl='jsonld', outlet='Parliament Watch Europe', section='Digital', crumb='digital',
    title='Parliament sets its line on AI omnibus, backing fixed dates for delayed high-risk rules',
    dek='Talks with member states can now start, with the original August deadline only months away.',
    iso='2026-03-27T08:15:00+01:00', display='27 March 2026', author='Parliament Watch Europe',
    tags='AI Act, digital omnibus, trilogue, IMCO, LIBE',
    body=P(
        'The European Parliament on Thursday adopted its negotiating position on the digital omnibus on AI, backing fixed new dates for the postponed high-risk obligations: 2 December 2027 for stand-alone systems and 2 August 2028 for AI built into regulated products.',
        'The fixed dates replace the Commission\'s idea of linking the start of the rules to a future decision confirming that standards are available. The internal market and civil liberties committees had approved the report on 18 March by 101 votes to 9, with 8 abstentions. The co-rapporteurs are Arba Kokalari, a Swedish centre-right MEP, and Michael McNamara, an Irish liberal.',
        'Member states agreed their own mandate on 13 March with the same two dates, which should make the negotiations on timing straightforward.',
        'Parliament\'s text also adds a ban on AI systems that generate non-consensual intimate images or child sexual abuse material, restores the duty to register systems whose providers consider them exempt from the high-risk rules, and keeps a softer version of the AI literacy obligation.',
        'Interinstitutional talks now begin. Negotiators want a deal well before August: if no amending law is in force by then, the high-risk obligations would start to apply on 2 August 2026 as the act currently provides.',
        'The conservative ECR group said the compromise fell short of what businesses had asked for.',
    ),
    related=['Plenary round-up: 25-26 March', 'Council presidency outlines digital priorities', 'MEPs back new rules on package travel'],
))

# p25 development: trilogue collapses (null)
PAGES.append(dict(
    file='p25-ai-omnibus-talks-collapse.html', tpl='wire', outlet='Continental Wire', section='Technology',
    title='No deal on AI Act changes after 12-hour talks, leaving August deadline in place',
    iso='2026-04-29T06:50:00Z', url='https://continentalwire.example/technology/2026/04/29/ai-omnibus-talks-no-deal',
    author='Continental Wire Brussels bureau',
    body=P(
        'BRUSSELS, April 29 (Continental Wire) - Negotiators from the European Parliament and EU governments broke off talks on the AI omnibus early on Wednesday after around 12 hours without reaching a deal.',
        'The two sides had already agreed in principle to move the start of the rules for stand-alone high-risk systems to 2 December 2027 and for AI embedded in products to 2 August 2028, and to ban so-called nudification apps. They split over whether AI built into products already covered by sectoral safety laws, such as machinery and medical devices, should answer to those laws instead of the AI Act.',
        'The Cypriot presidency of the Council said an agreement was not possible at this stage. Talks are expected to resume in May.',
        'Until an amending regulation is published in the Official Journal, the original date of 2 August 2026 remains the legal deadline for high-risk AI systems.',
        'More than 40 civil-society organisations have urged negotiators not to weaken the law\'s protections, while industry groups have pressed for more relief, including on transparency duties.',
    ),
    related=['Cyprus presidency eyes deal on medicines package', 'EU and Japan sign digital partnership', 'Euro-area lending picks up in March'],
))

# p26 development: provisional agreement, press-room notes (null)
PAGES.append(dict(
    file='p26-ai-omnibus-provisional-deal-notes.html', tpl='digest', outlet='Brussels Briefing Room', section='Press room notes',
    title='Press room notes: AI omnibus deal reached, formal votes still to come',
    iso='2026-05-07T14:30:00+02:00', display='7 May 2026',
    body=P(
        'Negotiators for the European Parliament and the Council reached a provisional agreement on 7 May on the digital omnibus on AI, which would move the start of the rules for stand-alone high-risk AI systems to 2 December 2027.',
        'Notes from the joint press conference, in question-and-answer form. Answers are summarised, not quoted.',
    ) + '\n' + QA([
        ('What are the new dates?',
         'Co-rapporteur Michael McNamara listed them: 2 December 2027 for high-risk systems in areas such as biometrics, critical infrastructure, education, employment, migration and border control; 2 August 2028 for AI built into products such as lifts or toys; 2 August 2027 for national regulatory sandboxes. Providers of systems that generate synthetic content and were on the market before 2 August 2026 would have until 2 December 2026 to add watermarks, shorter than the Commission had proposed.'),
        ('Is the delay now law?',
         'Not yet. The Parliament in plenary and the Council must both formally adopt the text, which then has to be published in the Official Journal. Until that happens, the AI Act as adopted in 2024 continues to apply.'),
        ('Can that happen before August?',
         'The Cypriot presidency said it aimed for formal adoption in time, given that the high-risk provisions would otherwise start on 2 August.'),
        ('What else is in the deal?',
         'A ban on AI systems that create child sexual abuse material or intimate images of identifiable people without their consent, which McNamara said had been a key demand of Parliament. Registration of systems that providers consider exempt from the high-risk rules is kept.'),
        ('How did the Commission react?',
         'It welcomed the agreement, saying it would make the act easier to apply for businesses while keeping its protections. Executive Vice-President Henna Virkkunen said innovation would become easier without lowering the bar on safety.'),
    ]) + '\n' + P('Background: a first attempt to close the file failed on 28 April after 12 hours of talks.'),
    related=['Press room notes: Council position on space act', 'Press room notes: medicines package', 'Policy calendar: May plenary'],
))

# p27 development: live blog, Council final adoption (delayed)
PAGES.append(dict(
    file='p27-live-council-adopts-ai-delay.html', tpl='live', outlet='Continental Wire Live',
    title='Live: EU gives final approval to AI Act delay',
    dek='Member states sign off the digital omnibus on AI, two weeks after the European Parliament.',
    iso='2026-06-29T07:00:00Z', start='2026-06-29T07:00:00Z', display='29 June 2026, 16:20 CEST',
    body='\n'.join([
        '<div class="entry"><p class="time">16:20</p>',
        P('EU member states gave their final approval on Monday to the law that moves the start of the AI Act\'s rules for stand-alone high-risk systems from 2 August 2026 to 2 December 2027.',
          'AI built into products covered by EU safety legislation, such as medical devices or machinery, gets until 2 August 2028 instead of 2 August 2027. The regulation will be published in the Official Journal in the coming weeks and enters into force on the third day after publication.'),
        '</div>',
        '<div class="entry"><p class="time">15:05</p>',
        P('Marilena Raouna, Cyprus\'s deputy minister for European affairs, said the new law would give companies more legal certainty and showed that technological progress had to go together with the protection of fundamental values.'),
        '</div>',
        '<div class="entry"><p class="time">12:30</p>',
        P('What does not move: transparency obligations, such as telling people they are talking to a chatbot, still apply from 2 August 2026, although systems already on the market get until 2 December 2026 to watermark AI-generated content. The rules for general-purpose AI models have applied since August 2025, and the AI Office\'s enforcement powers over model providers begin on 2 August 2026. A new ban on nudification apps and AI-generated child abuse material applies from 2 December 2026.'),
        '</div>',
        '<div class="entry"><p class="time">09:10</p>',
        P('Ministers are expected to approve the text without debate this morning, as a formality after the political deal of 7 May.'),
        '</div>',
        '<div class="entry"><p class="time">Recap</p>',
        P('On 16 June the European Parliament approved the same text by 423 votes to 57, with 174 abstentions.'),
        '</div>',
    ]),
    related=['Live: EU leaders summit', 'Explainer: what the AI omnibus changes', 'Cyprus presidency: six months in review'],
))

# p28 unrelated: Eurovision
PAGES.append(dict(
    file='p28-eurovision-basel-austria.html', tpl='wire', outlet='Alpine Press Agency', section='Culture',
    title='Austria wins Eurovision in Basel with operatic ballad',
    iso='2025-05-18T00:40:00+02:00', url='https://alpinepress.example/culture/2025/05/18/eurovision-austria-wins',
    body=P(
        'BASEL, May 18 (APA) - Austria\'s JJ won the 69th Eurovision Song Contest in Basel on Saturday night with his song Wasted Love, scoring 436 points.',
        'Israel\'s Yuval Raphael was second with 357 points and Estonia\'s Tommy Cash third with 356. The 24-year-old countertenor, whose real name is Johannes Pietsch, topped the jury vote and held on in the public televote.',
        'It is Austria\'s third victory, after Udo Juergens in 1966 and Conchita Wurst in 2014, and means the country will host next year\'s contest.',
        'Protests over Israel\'s participation took place in the city during the week of the contest.',
    ),
    related=['Swiss voters to decide on broadcasting fee', 'Basel fair season opens', 'Vienna bids to host 2026 contest'],
))

if __name__ == '__main__':
    for p in PAGES:
        write(p)
    print(len(PAGES), 'pages written')
