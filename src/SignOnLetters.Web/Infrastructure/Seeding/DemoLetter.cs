namespace SignOnLetters.Web.Infrastructure.Seeding;

/// <summary>
/// The demo letter's text: a realistic harm-reduction sign-on letter to a (fictional) city health
/// official, in English, French, Spanish and Russian.
/// </summary>
internal static class DemoLetter
{
    public const string Slug = "demo";

    public static LetterAddressee Addressee { get; } =
        new(1, "Dr Elena Marković", "Deputy Mayor for Public Health", "City of Riverton (demo)");

    public static IReadOnlyList<LetterText> Texts { get; } =
    [
        new("en", "Keep people alive: fund harm reduction in Riverton now",
            """
            Dear Dr Marković,

            We are writing as organisations of people who use drugs, health workers, families and human rights groups to ask you to act on the overdose crisis in Riverton **before the city budget is adopted**.

            Last year, 212 people died of an overdose in our city. Almost every one of these deaths could have been prevented. The evidence from cities around the world is clear: **harm reduction saves lives**, reduces HIV and hepatitis C, and brings people into care without adding to crime.

            ## We ask the city to

            1. Make **naloxone** free and available without prescription in every pharmacy, shelter and outreach van.
            2. Fund a **drug checking** service, so people can learn what is really in what they use.
            3. Open a **supervised consumption site** near the central station, run with peers.
            4. Expand **needle and syringe programmes** and opioid agonist treatment without waiting lists.
            5. Ask the police to stop confiscating sterile equipment and naloxone, and to refer rather than arrest.

            > Nothing about us without us.

            People who use drugs must be at the table when these services are designed and evaluated.

            We would welcome a meeting with you and your team. The full evidence is summarised in the [Global State of Harm Reduction](https://hri.global/flagship-research/the-global-state-of-harm-reduction/).

            Yours sincerely,
            """),
        new("fr", "Garder les gens en vie : financez la réduction des risques à Riverton dès maintenant",
            """
            Madame la Maire adjointe,

            Nous vous écrivons en tant qu'organisations de personnes qui consomment des drogues, de soignants, de familles et de défense des droits humains pour vous demander d'agir contre la crise des overdoses à Riverton **avant l'adoption du budget municipal**.

            L'an dernier, 212 personnes sont mortes d'une overdose dans notre ville. Presque toutes ces morts auraient pu être évitées. Les villes du monde entier le montrent : **la réduction des risques sauve des vies**, réduit le VIH et l'hépatite C, et amène les personnes vers les soins sans augmenter la délinquance.

            ## Nous demandons à la ville de

            1. Rendre la **naloxone** gratuite et disponible sans ordonnance dans chaque pharmacie, foyer et bus de rue.
            2. Financer un service d'**analyse de drogues**, pour que chacun sache ce qu'il consomme vraiment.
            3. Ouvrir une **salle de consommation à moindre risque** près de la gare centrale, gérée avec des pairs.
            4. Étendre les **programmes d'échange de seringues** et les traitements de substitution sans liste d'attente.
            5. Demander à la police de cesser de confisquer le matériel stérile et la naloxone, et d'orienter plutôt qu'arrêter.

            > Rien pour nous sans nous.

            Les personnes qui consomment des drogues doivent être associées à la conception et à l'évaluation de ces services.

            Nous serions heureux de vous rencontrer avec votre équipe. Les données sont résumées dans le [Global State of Harm Reduction](https://hri.global/flagship-research/the-global-state-of-harm-reduction/).

            Veuillez agréer, Madame la Maire adjointe, l'expression de nos salutations distinguées.
            """),
        new("es", "Mantener a las personas con vida: financien la reducción de daños en Riverton ya",
            """
            Estimada Dra. Marković:

            Le escribimos como organizaciones de personas que usan drogas, personal sanitario, familias y grupos de derechos humanos para pedirle que actúe ante la crisis de sobredosis en Riverton **antes de que se apruebe el presupuesto municipal**.

            El año pasado murieron 212 personas por sobredosis en nuestra ciudad. Casi todas esas muertes se podían haber evitado. La experiencia de ciudades de todo el mundo es clara: **la reducción de daños salva vidas**, reduce el VIH y la hepatitis C y acerca a las personas a la atención sin aumentar la delincuencia.

            ## Pedimos a la ciudad que

            1. Haga la **naloxona** gratuita y disponible sin receta en todas las farmacias, albergues y unidades móviles.
            2. Financie un servicio de **análisis de sustancias**, para que cada persona sepa lo que realmente consume.
            3. Abra una **sala de consumo supervisado** cerca de la estación central, gestionada con pares.
            4. Amplíe los **programas de intercambio de jeringas** y el tratamiento con agonistas opioides sin listas de espera.
            5. Pida a la policía que deje de confiscar material estéril y naloxona, y que derive en lugar de detener.

            > Nada sobre nosotros sin nosotros.

            Las personas que usan drogas deben participar en el diseño y la evaluación de estos servicios.

            Nos encantaría reunirnos con usted y su equipo. La evidencia está resumida en el [Global State of Harm Reduction](https://hri.global/flagship-research/the-global-state-of-harm-reduction/).

            Atentamente,
            """),
        new("ru", "Сохранить жизни: финансируйте снижение вреда в Ривертоне сейчас",
            """
            Уважаемая д-р Маркович!

            Мы обращаемся к вам как организации людей, употребляющих наркотики, медицинские работники, семьи и правозащитные группы с просьбой принять меры против кризиса передозировок в Ривертоне **до принятия городского бюджета**.

            В прошлом году в нашем городе от передозировки умерли 212 человек. Почти каждую из этих смертей можно было предотвратить. Опыт городов всего мира однозначен: **снижение вреда спасает жизни**, сокращает распространение ВИЧ и гепатита C и приводит людей к лечению, не увеличивая преступность.

            ## Мы просим город

            1. Сделать **налоксон** бесплатным и доступным без рецепта в каждой аптеке, приюте и мобильном пункте.
            2. Финансировать службу **проверки веществ**, чтобы люди знали, что они на самом деле употребляют.
            3. Открыть **пункт безопасного потребления** рядом с центральным вокзалом при участии равных консультантов.
            4. Расширить **программы обмена шприцев** и заместительную терапию без очередей.
            5. Попросить полицию прекратить изъятие стерильного инструментария и налоксона и направлять людей к помощи вместо ареста.

            > Ничего для нас без нас.

            Люди, употребляющие наркотики, должны участвовать в разработке и оценке этих услуг.

            Мы будем рады встрече с вами и вашей командой. Данные обобщены в докладе [Global State of Harm Reduction](https://hri.global/flagship-research/the-global-state-of-harm-reduction/).

            С уважением,
            """),
    ];
}
